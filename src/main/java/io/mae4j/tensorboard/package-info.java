/**
 * TensorBoard event files written without TensorFlow: {@link io.mae4j.tensorboard.SummaryWriter}
 * (scalars, PNG images, histograms, markdown text, the HParams plugin) implemented by {@link
 * io.mae4j.tensorboard.EventFileWriter}, which frames protobuf {@code Event}s as TFRecords ({@link
 * io.mae4j.tensorboard.TfRecords}) on a background thread, and {@link
 * io.mae4j.tensorboard.EventFileReader}, which reads them back verifying every CRC.
 *
 * <p>The protobuf messages ({@code io.mae4j.tensorboard.proto}) are generated at build time from
 * {@code src/main/proto/tensorboard/*.proto}, which carry TensorBoard's message names and field
 * numbers for the subset written here.
 */
package io.mae4j.tensorboard;
