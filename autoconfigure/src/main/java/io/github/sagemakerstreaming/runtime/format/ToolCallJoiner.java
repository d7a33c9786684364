package io.github.sagemakerstreaming.runtime.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.sagemakerstreaming.runtime.ToolCall;
import io.github.sagemakerstreaming.runtime.ToolCallDelta;
import org.jspecify.annotations.Nullable;

/**
 * Joins the streamed pieces of an answer's tool calls by their index: the first piece of
 * a call gives its id and name, and every piece adds to its arguments. TGI repeats the id
 * and sends a {@code null} name after the first piece; neither overrides what the first
 * piece said.
 */
final class ToolCallJoiner {

	private final Map<Integer, Builder> calls = new TreeMap<>();

	void add(ToolCallDelta fragment) {
		Builder call = this.calls.computeIfAbsent(fragment.index(), (index) -> new Builder());
		if (call.id == null && fragment.id() != null) {
			call.id = fragment.id();
		}
		if (call.name == null && fragment.name() != null) {
			call.name = fragment.name();
		}
		if (fragment.arguments() != null) {
			call.arguments.append(fragment.arguments());
		}
	}

	/**
	 * Returns the calls, whole, in the order of their index. A call whose id never came
	 * is given its index as id; one whose name never came is given an empty name.
	 */
	List<ToolCall> calls() {
		List<ToolCall> whole = new ArrayList<>(this.calls.size());
		this.calls.forEach((index, call) -> whole.add(new ToolCall((call.id != null) ? call.id : String.valueOf(index),
				(call.name != null) ? call.name : "", call.arguments.toString())));
		return whole;
	}

	private static final class Builder {

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

	}

}
