/**
 * Which libtorch the engine loads and which device a run uses: {@link io.mae4j.device.RuntimeSettings}
 * (the {@code runtime.*} keys, read once), {@link io.mae4j.device.Natives} (the build's native libraries and
 * what DJL must know before it loads them), {@link io.mae4j.device.DeviceInventory} (what DJL sees),
 * {@link io.mae4j.device.DeviceSelector} ({@code runtime.device} against what is seen) and
 * {@link io.mae4j.device.Doctor} (the {@code doctor} report).
 */
package io.mae4j.device;
