/**
 * The {@code feedfold} command line (picocli): one {@code Callable<Integer>} class per command.
 *
 * <p>In: arguments, the configuration ({@code --config}, {@code --data}) and the stage front doors.
 * Out: text for people, or one JSON object per line with {@code --json} (key names in {@link
 * org.feedfold.serve.StoryJson}), and exit codes 0 ok, 1 failure, 2 usage error, mapped in one
 * place ({@link org.feedfold.cli.Main}). Commands that only read open the index read-only, so they
 * work while the daemon writes it. This package holds no pipeline logic: {@code daemon} and {@code
 * fetch} hand subscriptions to {@code ingest}; {@code import} feeds the index directly.
 */
package org.feedfold.cli;
