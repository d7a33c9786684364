package io.github.sagemakerstreaming.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},"
			+ "\"required\":[\"name\"]}";

	@Test
	void openAiChatAsksForAJsonSchemaAsOpenAiAndVllmDoWithItsName() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.jsonSchema("person", SCHEMA))
			.build();
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, Map.of("max_tokens", 5), false))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
					+ "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"schema\":"
					+ SCHEMA + "}},\"stream\":true,\"max_tokens\":5}");
	}

	@Test
	void openAiChatAsksForAnyJsonObject() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.json())
			.build();
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, Map.of(), false))
			.contains("\"response_format\":{\"type\":\"json_object\"}");
	}

	@Test
	void openAiCompletionsAsksForAJsonSchemaAsVllmsCompletionsApiTakesIt() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.jsonSchema("person", SCHEMA))
			.build();
		assertThat(render(InferenceFormat.OPENAI_COMPLETIONS, request, Map.of(), false))
			.isEqualTo("{\"prompt\":\"Hi\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
					+ "{\"name\":\"person\",\"schema\":" + SCHEMA + "}},\"stream\":true}");
	}

	@Test
	void tgiAsksForTheSchemaAsAGrammarBesideTheParameters() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.jsonSchema("person", SCHEMA))
			.build();
		assertThat(render(InferenceFormat.TGI, request, Map.of("max_new_tokens", 5), false))
			.isEqualTo("{\"inputs\":\"Hi\",\"parameters\":{\"grammar\":{\"type\":\"json\",\"value\":" + SCHEMA
					+ "},\"max_new_tokens\":5},\"stream\":true}");
	}

	@Test
	void tgiAsksForAnyJsonObjectWithAGrammarOfAnObject() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.json())
			.build();
		assertThat(render(InferenceFormat.TGI, request, Map.of(), false))
			.contains("\"grammar\":{\"type\":\"json\",\"value\":{\"type\":\"object\"}}");
	}

	@Test
	void aResponseFormatParameterInTheContainersOwnShapeReplacesTheRenderedOne() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.jsonSchema("person", SCHEMA))
			.build();
		Map<String, Object> tgiMessages = Map.of("response_format",
				new TreeMap<>(Map.of("type", "json", "value", Map.of())));
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, tgiMessages, false))
			.contains("\"response_format\":{\"type\":\"json\",\"value\":{}}")
			.doesNotContain("json_schema");
	}

	@Test
	void rawRefusesAResponseFormat() {
		InferenceRequest request = InferenceRequest.builder()
			.prompt("Hi")
			.responseFormat(ResponseFormat.json())
			.build();
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> render(InferenceFormat.RAW, request, Map.of(), false))
			.withMessageContaining("raw format")
			.withMessageContaining("cannot ask for a response format");
	}

	@Test
	void openAiChatSendsImagesAsOpenAiContentParts() {
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage
				.user(List.of(ContentPart.text("What is it?"), ContentPart.imageUrl("https://example.com/cat.png"),
						ContentPart.image(new byte[] { 1, 2, 3 }, "image/png")))))
			.build();
		assertThat(render(InferenceFormat.OPENAI_CHAT, request, Map.of(), false))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is it?\"},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AQID\"}}]}],"
					+ "\"stream\":true}");
	}

	@ParameterizedTest
	@EnumSource(value = InferenceFormat.class, names = "OPENAI_CHAT", mode = EnumSource.Mode.EXCLUDE)
	void everyOtherFormatRefusesAnImageAndNamesTheOpenAiChatFormat(InferenceFormat format) {
		InferenceRequest request = InferenceRequest.builder()
			.messages(List.of(ChatMessage.user(List.of(ContentPart.imageUrl("https://example.com/cat.png")))))
			.build();
		assertThatExceptionOfType(InvalidInferenceRequestException.class)
			.isThrownBy(() -> render(format, request, Map.of(), false))
			.withMessageContaining("Images need the openai-chat format");
	}

	private static String render(InferenceFormat format, InferenceRequest request, Map<String, Object> parameters,
			boolean includeUsage) {
		return new String(RequestBodies.render(format, request, parameters, true, includeUsage, "my-llm"),
				StandardCharsets.UTF_8);
	}

}
