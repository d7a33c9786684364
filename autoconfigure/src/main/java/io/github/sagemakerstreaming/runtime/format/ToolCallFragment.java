package io.github.sagemakerstreaming.runtime.format;

/**
 * One streamed piece of a tool call, as an OpenAI chat chunk carries it in {@code delta.tool_calls}: the
 * first piece has the call's id and name, later ones only a piece of the arguments.
 *
 * @param index the call's index in the answer
 * @param id the call's id, or {@code null} on later pieces
 * @param name the tool's name, or {@code null} on later pieces (TGI sends {@code null})
 * @param arguments a piece of the arguments' JSON text, or {@code null}
 */
record ToolCallFragment(int index, String id, String name, String arguments) {

}
