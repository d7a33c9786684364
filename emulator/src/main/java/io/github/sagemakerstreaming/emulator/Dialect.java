package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The streaming response formats of the containers that SageMaker users run, each
 * rendered byte for byte as the container writes it: record layout, spacing,
 * end-of-stream marker and in-band error record.
 */
public enum Dialect {

	/**
	 * Hugging Face TGI {@code generate_stream}: {@code data:{"index":..,"token":{..}}}
	 * events.
	 */
	TGI("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data:{\"index\":" + (index + 1) + ",\"token\":{\"id\":" + (1000 + index) + ",\"text\":"
					+ json(token)
					+ ",\"logprob\":-0.25,\"special\":false},\"generated_text\":null,\"details\":null}\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data:{\"index\":" + (tokenCount + 1) + ",\"token\":{\"id\":2,\"text\":\"</s>\","
					+ "\"logprob\":-0.11,\"special\":true},\"generated_text\":" + json(text)
					+ ",\"details\":{\"finish_reason\":" + json(finishReason) + ",\"generated_tokens\":"
					+ (tokenCount + 1) + ",\"seed\":null,\"input_length\":7}}\n\n");
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data:{\"error\":" + json(message) + ",\"error_type\":\"generation\"}\n\n");
		}
	},

	/**
	 * Hugging Face TGI Messages API: OpenAI chat chunks with {@code "id":""}, a usage
	 * chunk and {@code data:[DONE]}.
	 */
	TGI_MESSAGES("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data:" + tgiChunk("{\"role\":\"assistant\",\"content\":" + json(token) + "}", "null") + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List
				.of("data:" + tgiChunk("{\"role\":\"assistant\",\"content\":\"\"}", json(finishReason)) + "\n\n");
		}

		@Override
		List<String> toolCallRecords(int index, ToolCallScript call) {
			List<String> records = new ArrayList<>();
			List<String> pieces = pieces(call.arguments());
			for (int i = 0; i < pieces.size(); i++) {
				String name = (i == 0) ? json(call.name()) : "null";
				records.add("data:" + tgiChunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":" + index
						+ ",\"id\":\"" + index + "\",\"type\":\"function\",\"function\":{\"name\":" + name
						+ ",\"arguments\":" + json(pieces.get(i)) + "}}]}", "null") + "\n\n");
			}
			return records;
		}

		@Override
		String usageRecord(Answer.Usage usage) {
			return "data:{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1741266005,\"model\":\"tgi\","
					+ "\"system_fingerprint\":\"3.1.2-native\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
					+ usage.promptTokens() + ",\"completion_tokens\":" + usage.completionTokens() + ",\"total_tokens\":"
					+ (usage.promptTokens() + usage.completionTokens()) + "}}\n\n";
		}

		@Override
		List<String> doneRecords() {
			return List.of("data:[DONE]\n\n");
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data:{\"error\":{\"message\":" + json(message) + ",\"http_status_code\":422}}\n\n",
					"data:[DONE]\n\n");
		}

		private String tgiChunk(String delta, String finishReason) {
			return "{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1741266005,\"model\":\"tgi\","
					+ "\"system_fingerprint\":\"3.1.2-native\",\"choices\":[{\"index\":0,\"delta\":" + delta
					+ ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}";
		}
	},

	/**
	 * DJL/LMI rolling batch JSON lines: {@code {"token": {..}}}, the last line carrying
	 * {@code generated_text}.
	 */
	LMI("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return "{\"token\": {\"id\": " + (1000 + index) + ", \"text\": " + json(token)
					+ ", \"log_prob\": -0.25}}\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("{\"token\": {\"id\": 2, \"text\": \"</s>\", \"log_prob\": -0.1, \"special_token\": true}, "
					+ "\"generated_text\": " + json(text) + ", \"details\": {\"finish_reason\": " + json(finishReason)
					+ ", \"generated_tokens\": " + tokenCount + ", \"inputs\": \"prompt\"}}\n");
		}

		@Override
		List<String> errorRecords(String message) {
			// The DJL front end appends this object without a trailing newline.
			return List.of("{\"code\":424,\"error\":" + json(message) + "}");
		}
	},

	/**
	 * DJL/LMI with {@code option.output_formatter=sse} (TGI compatibility): {@code data:
	 * {"token": {..}}}.
	 */
	LMI_SSE("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: {\"token\": {\"id\": " + (1000 + index) + ", \"text\": " + json(token)
					+ ", \"logprob\": -0.25}}\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data: {\"token\": {\"id\": 2, \"text\": \"\", \"logprob\": -0.1, \"special\": true}, "
					+ "\"generated_text\": " + json(text) + ", \"details\": {\"finish_reason\": " + json(finishReason)
					+ ", \"generated_tokens\": " + tokenCount + ", \"inputs\": \"prompt\"}}\n\n");
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: {\"token\": {\"id\": -1, \"text\": \"\", \"log_prob\": -1, \"special_token\": true, "
					+ "\"error_msg\": " + json(message)
					+ "}, \"generated_text\": \"\", \"details\": {\"finish_reason\": \"error\"}}\n\n");
		}
	},

	/**
	 * DJL/LMI chat ({@code jsonlines_chat}): chat chunks as JSON lines, no {@code data:}
	 * and no {@code [DONE]}.
	 */
	LMI_CHAT("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return lmiChatChunk(token, "null");
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of(lmiChatChunk("", json("stop".equals(finishReason) ? "eos_token" : finishReason)));
		}

		@Override
		List<String> errorRecords(String message) {
			return List
				.of("{\"token\": {\"id\": -1, \"text\": \"\", \"log_prob\": -1, \"special_token\": true, \"error_msg\": "
						+ json(message)
						+ "}, \"generated_text\": \"\", \"details\": {\"finish_reason\": \"error\"}}\n");
		}

		private String lmiChatChunk(String content, String finishReason) {
			return "{\"id\": \"chatcmpl-140245889434512\", \"object\": \"chat.completion.chunk\", \"created\": 1712792433, "
					+ "\"choices\": [{\"index\": 0, \"delta\": {\"content\": " + json(content)
					+ ", \"role\": \"assistant\"}, " + "\"logprobs\": null, \"finish_reason\": " + finishReason
					+ "}]}\n";
		}
	},

	/**
	 * Legacy DJL/LMI (0.23 to 0.25): {@code {"outputs": [" tok"]}} lines with no
	 * end-of-stream marker.
	 */
	LMI_LEGACY("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return "{\"outputs\": [" + json(token) + "]}\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of();
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("{\"code\": 500, \"error\": " + json(message) + "}\n");
		}
	},

	/**
	 * DJL/LMI async vLLM handler: compact vLLM chat chunks as JSON lines, {@code [DONE]}
	 * becoming an empty line.
	 */
	LMI_VLLM("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return vllmChatChunk(0, token, null) + "\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of(vllmChatChunk(0, "", finishReason) + "\n");
		}

		@Override
		String choiceRecord(int choice, String token, @Nullable String finishReason) {
			return vllmChatChunk(choice, token, finishReason) + "\n";
		}

		@Override
		String reasoningRecord(String token) {
			return vllmDelta("{\"reasoning\":" + json(token) + "}") + "\n";
		}

		@Override
		List<String> toolCallRecords(int index, ToolCallScript call) {
			return vllmToolCallDeltas(index, call).stream().map((delta) -> vllmDelta(delta) + "\n").toList();
		}

		@Override
		String usageRecord(Answer.Usage usage) {
			return vllmUsageChunk("chat.completion.chunk", usage) + "\n";
		}

		@Override
		List<String> doneRecords() {
			return List.of("\n");
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of(vllmError(message) + "\n");
		}
	},

	/**
	 * vLLM OpenAI server, chat completions: {@code data: {..}} events ending with
	 * {@code data: [DONE]}.
	 */
	VLLM_CHAT("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: " + vllmChatChunk(0, token, null) + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data: " + vllmChatChunk(0, "", finishReason) + "\n\n");
		}

		@Override
		String choiceRecord(int choice, String token, @Nullable String finishReason) {
			return "data: " + vllmChatChunk(choice, token, finishReason) + "\n\n";
		}

		@Override
		String reasoningRecord(String token) {
			return "data: " + vllmDelta("{\"reasoning_content\":" + json(token) + "}") + "\n\n";
		}

		@Override
		List<String> toolCallRecords(int index, ToolCallScript call) {
			return vllmToolCallDeltas(index, call).stream()
				.map((delta) -> "data: " + vllmDelta(delta) + "\n\n")
				.toList();
		}

		@Override
		String usageRecord(Answer.Usage usage) {
			return "data: " + vllmUsageChunk("chat.completion.chunk", usage) + "\n\n";
		}

		@Override
		List<String> doneRecords() {
			return List.of("data: [DONE]\n\n");
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: " + vllmError(message) + "\n\n", "data: [DONE]\n\n");
		}
	},

	/**
	 * vLLM OpenAI server, completions: {@code text_completion} chunks ending with
	 * {@code data: [DONE]}.
	 */
	VLLM_COMPLETIONS("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: " + completionChunk(0, token, "null") + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data: " + completionChunk(0, "", json(finishReason)) + "\n\n");
		}

		@Override
		String usageRecord(Answer.Usage usage) {
			return "data: " + vllmUsageChunk("text_completion", usage) + "\n\n";
		}

		@Override
		List<String> doneRecords() {
			return List.of("data: [DONE]\n\n");
		}

		@Override
		String choiceRecord(int choice, String token, @Nullable String finishReason) {
			return "data: " + completionChunk(choice, token, (finishReason != null) ? json(finishReason) : "null")
					+ "\n\n";
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: " + vllmError(message) + "\n\n", "data: [DONE]\n\n");
		}

		private String completionChunk(int choice, String text, String finishReason) {
			return "{\"id\":\"cmpl-9f2c\",\"object\":\"text_completion\",\"created\":1772423600,\"model\":\"qwen3_8b\","
					+ "\"choices\":[{\"index\":" + choice + ",\"text\":" + json(text)
					+ ",\"logprobs\":null,\"finish_reason\":" + finishReason + ",\"stop_reason\":null}]}";
		}
	},

	/**
	 * DJL/LMI {@code 3p_stream} (Bedrock-style) JSON lines: {@code {"body":
	 * {"generation": ..}, "metering": ..}}, the last line carrying {@code stop_reason}.
	 */
	LMI_3P_STREAM("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return threePRecord(token, index + 1, "null");
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of(threePRecord("", tokenCount, json(finishReason)));
		}

		@Override
		List<String> errorRecords(String message) {
			return List
				.of("{\"body\": {\"generation\": \"\", \"prompt_token_count\": null, \"generation_token_count\": 0, "
						+ "\"stop_reason\": \"error\"}, \"content_type\": \"application/jsonlines\", \"error\": {\"error_code\": 400, "
						+ "\"error_msg\": " + json(message) + "}}\n");
		}

		private String threePRecord(String generation, int count, String stopReason) {
			return "{\"body\": {\"generation\": " + json(generation) + ", \"prompt_token_count\": null, "
					+ "\"generation_token_count\": " + count + ", \"stop_reason\": " + stopReason + "}, \"metering\": "
					+ "{\"outputTokenCount\": " + count + "}, \"content_type\": \"application/jsonlines\"}\n";
		}
	},

	/**
	 * NVIDIA Triton {@code generate_stream}: {@code data:
	 * {"model_name":..,"text_output":..}} events, with no end-of-stream marker.
	 */
	TRITON("text/event-stream; charset=utf-8") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: {\"model_name\":\"ensemble\",\"model_version\":\"1\",\"sequence_end\":false,"
					+ "\"sequence_id\":0,\"sequence_start\":false,\"text_output\":" + json(token) + "}\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of();
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: {\"error\":" + json(message) + "}\n\n");
		}
	},

	/**
	 * Opaque bytes: the tokens' UTF-8 bytes as they are, with no framing and no end
	 * marker.
	 */
	RAW("text/plain") {
		@Override
		String tokenRecord(int index, String token) {
			return token;
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of();
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of(message);
		}
	};

	private final String contentType;

	Dialect(String contentType) {
		this.contentType = contentType;
	}

	/**
	 * Returns the content type that the container declares, which SageMaker returns as
	 * {@code X-Amzn-SageMaker-Content-Type}.
	 * @return the container's content type
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Returns what the container sends to keep an idle connection open: an SSE comment
	 * for {@code text/event-stream}, an empty line for JSON lines, nothing for raw bytes.
	 * @return the keep-alive record, or {@code null} if the dialect has none
	 */
	public byte @Nullable [] keepAliveRecord() {
		return switch (this.contentType) {
			case "text/event-stream" -> utf8(":\n\n");
			case "application/jsonlines" -> utf8("\n");
			default -> null;
		};
	}

	/**
	 * Renders the container's body for the given tokens: one record a token, then the
	 * dialect's closing records.
	 * @param tokens the generated tokens
	 * @param finishReason the finish reason in OpenAI terms ({@code stop} or
	 * {@code length})
	 * @return the records, in order
	 */
	public List<byte[]> render(List<String> tokens, String finishReason) {
		return render(Answer.of(tokens, finishReason));
	}

	/**
	 * Renders the container's body for an answer, in the order the container streams it:
	 * reasoning, text, tool calls, the finish, the usage if asked for, the end-of-stream
	 * marker. Dialects without reasoning or tool calls leave them out; those without
	 * usage leave it out. A request for several choices ({@code n}) gets them the way
	 * vLLM streams them: one record a choice a token, interleaved. Choice 0 answers with
	 * the given tokens; every other choice {@code c} answers with the first half of them,
	 * each prefixed with {@code [c]}, and finishes first, with {@code length}, so that
	 * its end comes before choice 0's tail. Dialects that stream one choice only (all but
	 * the vLLM ones) ignore the number, as their containers do.
	 * @param answer the answer
	 * @return the records, in order
	 */
	public List<byte[]> render(Answer answer) {
		List<String> tokens = answer.tokens();
		int choices = (choiceRecord(1, "", null) != null) ? answer.choices() : 1;
		int otherLength = Math.max(1, tokens.size() / 2);
		List<byte[]> records = new ArrayList<>();
		for (String token : answer.reasoning()) {
			String record = reasoningRecord(token);
			if (record != null) {
				records.add(utf8(record));
			}
		}
		for (int i = 0; i < tokens.size(); i++) {
			records.add(utf8(tokenRecord(i, tokens.get(i))));
			for (int choice = 1; choice < choices && i < otherLength; choice++) {
				String finish = (i == otherLength - 1) ? "length" : null;
				String record = choiceRecord(choice, "[" + choice + "]" + tokens.get(i), finish);
				if (record != null) {
					records.add(utf8(record));
				}
			}
		}
		for (int i = 0; i < answer.toolCalls().size(); i++) {
			toolCallRecords(i, answer.toolCalls().get(i)).forEach((record) -> records.add(utf8(record)));
		}
		endRecords(tokens.size(), String.join("", tokens), answer.finishReason())
			.forEach((record) -> records.add(utf8(record)));
		Answer.Usage usage = answer.usage();
		String usageRecord = (usage != null) ? usageRecord(usage) : null;
		if (usageRecord != null) {
			records.add(utf8(usageRecord));
		}
		doneRecords().forEach((record) -> records.add(utf8(record)));
		return records;
	}

	/**
	 * Renders the records with which the container reports an error after its HTTP 200
	 * was sent.
	 * @param message the error message
	 * @return the records, in order
	 */
	public List<byte[]> renderError(String message) {
		return errorRecords(message).stream().map(Dialect::utf8).toList();
	}

	abstract String tokenRecord(int index, String token);

	abstract List<String> endRecords(int tokenCount, String text, String finishReason);

	abstract List<String> errorRecords(String message);

	/**
	 * Renders one token of a choice other than the first, for dialects that stream
	 * several choices.
	 * @return the record, or {@code null} if the dialect streams one choice only
	 */
	@Nullable String choiceRecord(int choice, String token, @Nullable String finishReason) {
		return null;
	}

	/**
	 * Renders one reasoning token, for dialects that stream reasoning apart from the
	 * answer.
	 * @return the record, or {@code null} if the dialect has no reasoning
	 */
	@Nullable String reasoningRecord(String token) {
		return null;
	}

	/**
	 * Renders the fragments of one tool call, for dialects that stream tool calls.
	 * @return the records, empty if the dialect has no tool calls
	 */
	List<String> toolCallRecords(int index, ToolCallScript call) {
		return List.of();
	}

	/**
	 * Renders the usage-only chunk, for dialects that report usage when asked.
	 * @return the record, or {@code null} if the dialect has none
	 */
	@Nullable String usageRecord(Answer.Usage usage) {
		return null;
	}

	/**
	 * Renders what ends the body after the finish and the usage, such as {@code [DONE]}.
	 * @return the records, empty if the body just ends
	 */
	List<String> doneRecords() {
		return List.of();
	}

	/**
	 * Cuts a tool call's arguments into the pieces a container streams: three at most.
	 */
	static List<String> pieces(String arguments) {
		int size = Math.max(1, (arguments.length() + 2) / 3);
		List<String> pieces = new ArrayList<>();
		for (int start = 0; start < arguments.length(); start += size) {
			pieces.add(arguments.substring(start, Math.min(arguments.length(), start + size)));
		}
		return pieces.isEmpty() ? List.of("") : pieces;
	}

	static String json(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(value, quoted);
		return quoted.append('"').toString();
	}

	static String vllmChatChunk(int choice, String content, @Nullable String finishReason) {
		String reason = (finishReason != null) ? json(finishReason) + ",\"stop_reason\":null" : "null";
		return "{\"id\":\"chatcmpl-8b2b9172\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
				+ "\"model\":\"qwen3_8b\",\"choices\":[{\"index\":" + choice + ",\"delta\":{\"content\":"
				+ json(content) + "},\"logprobs\":null,\"finish_reason\":" + reason + "}]}";
	}

	static String vllmDelta(String delta) {
		return "{\"id\":\"chatcmpl-8b2b9172\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
				+ "\"model\":\"qwen3_8b\",\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"logprobs\":null,\"finish_reason\":null}]}";
	}

	/**
	 * The deltas of one tool call as vLLM streams them: id, type and name with empty
	 * arguments first, then only the index and a piece of the arguments.
	 */
	static List<String> vllmToolCallDeltas(int index, ToolCallScript call) {
		List<String> deltas = new ArrayList<>();
		deltas.add("{\"tool_calls\":[{\"id\":\"chatcmpl-tool-" + index + "\",\"type\":\"function\",\"index\":" + index
				+ ",\"function\":{\"name\":" + json(call.name()) + ",\"arguments\":\"\"}}]}");
		for (String piece : pieces(call.arguments())) {
			deltas.add("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + json(piece) + "}}]}");
		}
		return deltas;
	}

	static String vllmUsageChunk(String object, Answer.Usage usage) {
		return "{\"id\":\"chatcmpl-8b2b9172\",\"object\":\"" + object
				+ "\",\"created\":1772423572,\"model\":\"qwen3_8b\"," + "\"choices\":[],\"usage\":{\"prompt_tokens\":"
				+ usage.promptTokens() + ",\"total_tokens\":" + (usage.promptTokens() + usage.completionTokens())
				+ ",\"completion_tokens\":" + usage.completionTokens() + "}}";
	}

	static String vllmError(String message) {
		return "{\"error\":{\"message\":" + json(message)
				+ ",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}";
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
