package io.github.sagemakerstreaming.runtime;

import org.jspecify.annotations.Nullable;

/**
 * One streamed piece of a tool call, as the container sent it: the first piece of a call
 * has its id and name, later ones only a piece of the arguments. The template joins them
 * into {@link ToolCall}s on the last chunk; the pieces are there for a caller that shows
 * a call as it is written.
 *
 * @param index the call's index in the answer
 * @param id the call's id, or {@code null} on later pieces
 * @param name the tool's name, or {@code null} on later pieces
 * @param arguments a piece of the arguments' JSON text, or {@code null}
 */
public record ToolCallDelta(int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {

}
