package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies each format renders, byte for byte as the containers expect them.
 */
class RequestBodiesTests {

	@Test
	void openAiChatFromAPromptAsksForUsageAndPutsParametersLast() {
		InferenceRequest request = InferenceRequest.builder().prompt("Hi").build();
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, Map.of("max_tokens", 5), true))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
					+ "\"stream_options\":{\"include_usage\":true},\"max_tokens\":5}");
	}

	@Test
	void openAiChatFromAConversationWithToolsAndAToolChoice() {
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.system("S"), ChatMessage.user("U"),
					ChatMessage.assistant("A", List.of(new ToolCall("0", "t", "{\"x\":1}"))),
					ChatMessage.tool("0", "R")))
			.tools(List.of(ToolDefinition.of("t", "Does t", "{\"type\":\"object\",\"properties\":{}}")))
			.toolChoice(ToolChoice.REQUIRED)
			.build();
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, Map.of(), false)).isEqualTo("{\"messages\":["
				+ "{\"role\":\"system\",\"content\":\"S\"},{\"role\":\"user\",\"content\":\"U\"},"
				+ "{\"role\":\"assistant\",\"content\":\"A\",\"tool_calls\":[{\"id\":\"0\",\"type\":\"function\","
				+ "\"function\":{\"name\":\"t\",\"arguments\":\"{\\\"x\\\":1}\"}}]},"
				+ "{\"role\":\"tool\",\"content\":\"R\",\"tool_call_id\":\"0\"}],"
				+ "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"t\",\"description\":\"Does t\","
				+ "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}],\"tool_choice\":\"required\",\"stream\":true}");
	}

	@Test
	void openAiCompletionsAsksForUsage() {
		InferenceRequest request = InferenceRequest.builder().prompt("Hi").build();
		assertThat(render(InferenceFormat.OPENAI_COMPLETIONS, request, Map.of(), true))
			.isEqualTo("{\"prompt\":\"Hi\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
	}

	@Test
	void tgiNestsTheParametersAndNeverAsksForUsage() {
		InferenceRequest request = InferenceRequest.builder().prompt("Hi").build();
		assertThat(render(InferenceFormat.TGI, request, Map.of("max_new_tokens", 5), true))
			.isEqualTo("{\"inputs\":\"Hi\",\"parameters\":{\"max_new_tokens\":5},\"stream\":true}");
	}

	@Test
	void aWholeAnswerIsAskedWithStreamFalseAndNoStreamOptions() {
		InferenceRequest request = InferenceRequest.builder().prompt("Hi").build();
		assertThat(
				new String(RequestBodies.render(InferenceFormat.OPENAI_CHAT, request, Map.of(), false, true, "my-llm"),
						StandardCharsets.UTF_8))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false}");
		assertThat(new String(RequestBodies.render(InferenceFormat.TGI, request, Map.of(), false, true, "my-llm"),
				StandardCharsets.UTF_8))
			.isEqualTo("{\"inputs\":\"Hi\",\"parameters\":{},\"stream\":false}");
	}

	private static String render(InferenceFormat format, InferenceRequest request, Map<String, Object> parameters,
			boolean includeUsage) {
		return new String(RequestBodies.render(format, request, parameters, true, includeUsage, "my-llm"),
				StandardCharsets.UTF_8);
	}

}
