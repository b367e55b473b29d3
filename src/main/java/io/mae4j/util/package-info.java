/** Small shared helpers: starting the DJL engine offline with a run's thread settings, SHA-256 of text, array copies. */
package io.mae4j.util;
