/**
 * The picocli command tree ({@code java -jar target/mae4j.jar <command>}). Commands are thin:
 * they compose the configuration ({@link io.mae4j.config}) and hand over to the packages that
 * do the work; {@link io.mae4j.cli.Main#execute(String...)} returns the exit code so tests can
 * drive the command line in-process (0 ok, 1 failure, 2 usage or input error).
 */
package io.mae4j.cli;
