/** Small shared helpers: starting the DJL engine offline with a run's thread settings. */
package io.mae4j.util;
