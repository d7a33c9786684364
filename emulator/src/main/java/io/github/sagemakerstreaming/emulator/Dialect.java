package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * The streaming response formats of the containers that SageMaker users run, each rendered byte for byte
 * as the container writes it: record layout, spacing, end-of-stream marker and in-band error record.
 */
public enum Dialect {

	/** Hugging Face TGI {@code generate_stream}: {@code data:{"index":..,"token":{..}}} events. */
	TGI("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data:{\"index\":" + (index + 1) + ",\"token\":{\"id\":" + (1000 + index) + ",\"text\":"
					+ json(token) + ",\"logprob\":-0.25,\"special\":false},\"generated_text\":null,\"details\":null}\n\n";
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

	/** Hugging Face TGI Messages API: OpenAI chat chunks with {@code "id":""}, a usage chunk and {@code data:[DONE]}. */
	TGI_MESSAGES("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data:" + tgiChunk("{\"role\":\"assistant\",\"content\":" + json(token) + "}", "null") + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data:" + tgiChunk("{\"role\":\"assistant\",\"content\":\"\"}", json(finishReason)) + "\n\n",
					"data:{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1741266005,\"model\":\"tgi\","
							+ "\"system_fingerprint\":\"3.1.2-native\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
							+ "\"completion_tokens\":" + tokenCount + ",\"total_tokens\":" + (tokenCount + 7) + "}}\n\n",
					"data:[DONE]\n\n");
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

	/** DJL/LMI rolling batch JSON lines: {@code {"token": {..}}}, the last line carrying {@code generated_text}. */
	LMI("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return "{\"token\": {\"id\": " + (1000 + index) + ", \"text\": " + json(token) + ", \"log_prob\": -0.25}}\n";
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

	/** DJL/LMI with {@code option.output_formatter=sse} (TGI compatibility): {@code data: {"token": {..}}}. */
	LMI_SSE("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: {\"token\": {\"id\": " + (1000 + index) + ", \"text\": " + json(token) + ", \"logprob\": -0.25}}\n\n";
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
					+ "\"error_msg\": " + json(message) + "}, \"generated_text\": \"\", \"details\": {\"finish_reason\": \"error\"}}\n\n");
		}
	},

	/** DJL/LMI chat ({@code jsonlines_chat}): chat chunks as JSON lines, no {@code data:} and no {@code [DONE]}. */
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
			return List.of("{\"token\": {\"id\": -1, \"text\": \"\", \"log_prob\": -1, \"special_token\": true, \"error_msg\": "
					+ json(message) + "}, \"generated_text\": \"\", \"details\": {\"finish_reason\": \"error\"}}\n");
		}

		private String lmiChatChunk(String content, String finishReason) {
			return "{\"id\": \"chatcmpl-140245889434512\", \"object\": \"chat.completion.chunk\", \"created\": 1712792433, "
					+ "\"choices\": [{\"index\": 0, \"delta\": {\"content\": " + json(content) + ", \"role\": \"assistant\"}, "
					+ "\"logprobs\": null, \"finish_reason\": " + finishReason + "}]}\n";
		}
	},

	/** Legacy DJL/LMI (0.23 to 0.25): {@code {"outputs": [" tok"]}} lines with no end-of-stream marker. */
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

	/** DJL/LMI async vLLM handler: compact vLLM chat chunks as JSON lines, {@code [DONE]} becoming an empty line. */
	LMI_VLLM("application/jsonlines") {
		@Override
		String tokenRecord(int index, String token) {
			return vllmChatChunk(0, token, null) + "\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of(vllmChatChunk(0, "", finishReason) + "\n", "\n");
		}

		@Override
		String choiceRecord(int choice, String token, String finishReason) {
			return vllmChatChunk(choice, token, finishReason) + "\n";
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of(vllmError(message) + "\n");
		}
	},

	/** vLLM OpenAI server, chat completions: {@code data: {..}} events ending with {@code data: [DONE]}. */
	VLLM_CHAT("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: " + vllmChatChunk(0, token, null) + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data: " + vllmChatChunk(0, "", finishReason) + "\n\n", "data: [DONE]\n\n");
		}

		@Override
		String choiceRecord(int choice, String token, String finishReason) {
			return "data: " + vllmChatChunk(choice, token, finishReason) + "\n\n";
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: " + vllmError(message) + "\n\n", "data: [DONE]\n\n");
		}
	},

	/** vLLM OpenAI server, completions: {@code text_completion} chunks ending with {@code data: [DONE]}. */
	VLLM_COMPLETIONS("text/event-stream") {
		@Override
		String tokenRecord(int index, String token) {
			return "data: " + completionChunk(0, token, "null") + "\n\n";
		}

		@Override
		List<String> endRecords(int tokenCount, String text, String finishReason) {
			return List.of("data: " + completionChunk(0, "", json(finishReason)) + "\n\n", "data: [DONE]\n\n");
		}

		@Override
		String choiceRecord(int choice, String token, String finishReason) {
			return "data: " + completionChunk(choice, token, (finishReason != null) ? json(finishReason) : "null") + "\n\n";
		}

		@Override
		List<String> errorRecords(String message) {
			return List.of("data: " + vllmError(message) + "\n\n", "data: [DONE]\n\n");
		}

		private String completionChunk(int choice, String text, String finishReason) {
			return "{\"id\":\"cmpl-9f2c\",\"object\":\"text_completion\",\"created\":1772423600,\"model\":\"qwen3_8b\","
					+ "\"choices\":[{\"index\":" + choice + ",\"text\":" + json(text) + ",\"logprobs\":null,\"finish_reason\":"
					+ finishReason + ",\"stop_reason\":null}]}";
		}
	},

	/**
	 * DJL/LMI {@code 3p_stream} (Bedrock-style) JSON lines: {@code {"body": {"generation": ..}, "metering": ..}}, the
	 * last line carrying {@code stop_reason}.
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
			return List.of("{\"body\": {\"generation\": \"\", \"prompt_token_count\": null, \"generation_token_count\": 0, "
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
	 * NVIDIA Triton {@code generate_stream}: {@code data: {"model_name":..,"text_output":..}} events, with no
	 * end-of-stream marker.
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

	/** Opaque bytes: the tokens' UTF-8 bytes as they are, with no framing and no end marker. */
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
	 * Returns what the container sends to keep an idle connection open: an SSE comment for
	 * {@code text/event-stream}, an empty line for JSON lines, nothing for raw bytes.
	 * @return the keep-alive record, or {@code null} if the dialect has none
	 */
	public byte[] keepAliveRecord() {
		return switch (this.contentType) {
			case "text/event-stream" -> utf8(":\n\n");
			case "application/jsonlines" -> utf8("\n");
			default -> null;
		};
	}

	/**
	 * Renders the container's body for the given tokens: one record a token, then the dialect's closing
	 * records.
	 * @param tokens the generated tokens
	 * @param finishReason the finish reason in OpenAI terms ({@code stop} or {@code length})
	 * @return the records, in order
	 */
	public List<byte[]> render(List<String> tokens, String finishReason) {
		List<byte[]> records = new ArrayList<>(tokens.size() + 3);
		for (int i = 0; i < tokens.size(); i++) {
			records.add(utf8(tokenRecord(i, tokens.get(i))));
		}
		endRecords(tokens.size(), String.join("", tokens), finishReason).forEach((record) -> records.add(utf8(record)));
		return records;
	}

	/**
	 * Renders the container's body for a request that asked for several choices ({@code n}), the way vLLM
	 * streams them: one record a choice a token, interleaved. Choice 0 answers with the given tokens; every
	 * other choice {@code c} answers with the first half of them, each prefixed with {@code [c]}, and
	 * finishes first, with {@code length}, so that its end comes before choice 0's tail. Dialects that
	 * stream one choice only (all but the vLLM ones) ignore the number, as their containers do.
	 * @param tokens the tokens of choice 0
	 * @param finishReason the finish reason of choice 0
	 * @param choices the number of choices
	 * @return the records, in order
	 */
	public List<byte[]> render(List<String> tokens, String finishReason, int choices) {
		if (choices <= 1 || choiceRecord(1, "", null) == null) {
			return render(tokens, finishReason);
		}
		int otherLength = Math.max(1, tokens.size() / 2);
		List<byte[]> records = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			records.add(utf8(tokenRecord(i, tokens.get(i))));
			for (int choice = 1; choice < choices && i < otherLength; choice++) {
				String finish = (i == otherLength - 1) ? "length" : null;
				records.add(utf8(choiceRecord(choice, "[" + choice + "]" + tokens.get(i), finish)));
			}
		}
		endRecords(tokens.size(), String.join("", tokens), finishReason).forEach((record) -> records.add(utf8(record)));
		return records;
	}

	/**
	 * Renders the records with which the container reports an error after its HTTP 200 was sent.
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
	 * Renders one token of a choice other than the first, for dialects that stream several choices.
	 * @return the record, or {@code null} if the dialect streams one choice only
	 */
	String choiceRecord(int choice, String token, String finishReason) {
		return null;
	}

	static String json(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(value, quoted);
		return quoted.append('"').toString();
	}

	static String vllmChatChunk(int choice, String content, String finishReason) {
		String reason = (finishReason != null) ? json(finishReason) + ",\"stop_reason\":null" : "null";
		return "{\"id\":\"chatcmpl-8b2b9172\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,"
				+ "\"model\":\"qwen3_8b\",\"choices\":[{\"index\":" + choice + ",\"delta\":{\"content\":" + json(content)
				+ "},\"logprobs\":null,\"finish_reason\":" + reason + "}]}";
	}

	static String vllmError(String message) {
		return "{\"error\":{\"message\":" + json(message) + ",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}";
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
