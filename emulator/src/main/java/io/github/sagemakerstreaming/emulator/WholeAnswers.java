package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies with which each dialect's container answers {@code InvokeEndpoint}, whole:
 * TGI's list of {@code generated_text}, OpenAI chat and text completions with their
 * usage, DJL/LMI's {@code generated_text} object, and the shapes the built-in decoder
 * does not know.
 */
final class WholeAnswers {

	private WholeAnswers() {
	}

	static String contentType(Dialect dialect) {
		return (dialect == Dialect.RAW) ? "text/plain" : "application/json";
	}

	static byte[] render(Dialect dialect, Answer answer) {
		String text = String.join("", answer.tokens());
		String body = switch (dialect) {
			case TGI -> "[{\"generated_text\":" + Dialect.json(text) + ",\"details\":{\"finish_reason\":"
					+ Dialect.json(tgiFinish(answer.finishReason())) + ",\"generated_tokens\":" + answer.tokens().size()
					+ ",\"seed\":null,\"input_length\":" + promptTokens(answer) + "}}]";
			case TGI_MESSAGES, VLLM_CHAT, LMI_VLLM, LMI_CHAT -> chatCompletion(answer, text);
			case VLLM_COMPLETIONS -> "{\"id\":\"cmpl-9f2c\",\"object\":\"text_completion\",\"created\":1772423600,"
					+ "\"model\":\"qwen3_8b\",\"choices\":[{\"index\":0,\"text\":" + Dialect.json(text)
					+ ",\"logprobs\":null,\"finish_reason\":" + Dialect.json(answer.finishReason()) + "}]"
					+ usage(answer) + "}";
			case LMI,
					LMI_SSE ->
				"{\"generated_text\": " + Dialect.json(text) + ", \"details\": {\"finish_reason\": "
						+ Dialect.json(tgiFinish(answer.finishReason())) + ", \"generated_tokens\": "
						+ answer.tokens().size() + ", \"inputs\": \"prompt\"}}";
			case LMI_LEGACY -> "{\"generated_text\": " + Dialect.json(text) + "}";
			case LMI_3P_STREAM -> "{\"generation\": " + Dialect.json(text) + ", \"prompt_token_count\": null, "
					+ "\"generation_token_count\": " + answer.tokens().size() + ", \"stop_reason\": "
					+ Dialect.json(answer.finishReason()) + "}";
			case TRITON ->
				"{\"model_name\":\"ensemble\",\"model_version\":\"1\",\"text_output\":" + Dialect.json(text) + "}";
			case RAW -> text;
		};
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static String chatCompletion(Answer answer, String text) {
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < answer.toolCalls().size(); i++) {
			ToolCallScript call = answer.toolCalls().get(i);
			calls.add("{\"id\":\"chatcmpl-tool-" + i + "\",\"type\":\"function\",\"function\":{\"name\":"
					+ Dialect.json(call.name()) + ",\"arguments\":" + Dialect.json(call.arguments()) + "}}");
		}
		String reasoning = answer.reasoning().isEmpty() ? ""
				: ",\"reasoning_content\":" + Dialect.json(String.join("", answer.reasoning()));
		String content = (text.isEmpty() && !calls.isEmpty()) ? "null" : Dialect.json(text);
		return "{\"id\":\"chatcmpl-8b2b9172\",\"object\":\"chat.completion\",\"created\":1772423572,\"model\":\"qwen3_8b\","
				+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content + reasoning
				+ ",\"tool_calls\":[" + String.join(",", calls) + "]},\"logprobs\":null,\"finish_reason\":"
				+ Dialect.json(answer.finishReason()) + "}]" + usage(answer) + "}";
	}

	/**
	 * The usage a whole OpenAI answer always reports.
	 */
	private static String usage(Answer answer) {
		int prompt = promptTokens(answer);
		int completion = answer.reasoning().size() + answer.tokens().size();
		return ",\"usage\":{\"prompt_tokens\":" + prompt + ",\"total_tokens\":" + (prompt + completion)
				+ ",\"completion_tokens\":" + completion + "}";
	}

	private static int promptTokens(Answer answer) {
		return (answer.usage() != null) ? answer.usage().promptTokens() : 7;
	}

	private static String tgiFinish(String finishReason) {
		return "stop".equals(finishReason) ? "eos_token" : finishReason;
	}

}
