/**
 * Recipes: workflows of several steps built from {@code train}, {@code cache} and {@code report} —
 * the bootstrap θ scorer ({@link io.mae4j.recipe.Bootstrap}) and the quickstart story, random vs
 * guided masking with their comparison ({@link io.mae4j.recipe.QuickstartStory}). Each step is
 * resumable on its own, so a recipe can be run again after a kill.
 */
package io.mae4j.recipe;
