/**
 * Hydra-like configuration on Typesafe Config (HOCON).
 *
 * <p>{@code configs/defaults.conf} declares every key with its default (the schema). A run is
 * composed in this order: defaults.conf, then one option file per group ({@code model/},
 * {@code data/}, {@code mask/}, {@code train/}, {@code eval/}), then the experiment file, then
 * {@code key=value} overrides. A group's option is taken from the command line
 * ({@code model=vit_b16}), else from the experiment file's {@code defaults { }} block, else from
 * defaults.conf's {@code defaults { }} block. Unknown keys, missing options and type changes are
 * rejected with a {@link io.mae4j.config.ConfigException} that suggests the closest name.
 *
 * <p>Entry point: {@link io.mae4j.config.ConfigComposer}; result:
 * {@link io.mae4j.config.ComposedConfig}.
 */
package io.mae4j.config;
