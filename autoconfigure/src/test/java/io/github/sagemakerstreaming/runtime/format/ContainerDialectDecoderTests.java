package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.github.sagemakerstreaming.runtime.ContainerErrorException;
import io.github.sagemakerstreaming.runtime.IncompleteStreamException;
import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every sample stream of {@code container-formats.md}, decoded whole, split in two at
 * every byte offset, fed one byte at a time and with empty parts in between: the outcome
 * must never change.
 */
@Timeout(60)
class ContainerDialectDecoderTests {

	private static final ResponseMetadata METADATA = new ResponseMetadata("my-llm", "req-1", "AllTraffic",
			"text/event-stream", null);

	static Stream<Arguments> samples() {
		return Stream.of(
				sample("TGI generate_stream, EOS special token, details",
						"""
								data:{"index":1,"token":{"id":18788,"text":"Deep","logprob":-0.27,"special":false},"generated_text":null,"details":null}

								data:{"index":2,"token":{"id":6975,"text":" learning","logprob":-0.03,"special":false},"generated_text":null,"details":null}

								data:{"index":3,"token":{"id":374,"text":" is","logprob":-0.01,"special":false},"generated_text":null,"details":null}

								data:{"index":4,"token":{"id":128009,"text":"<|eot_id|>","logprob":-0.11,"special":true},"generated_text":"Deep learning is","details":{"finish_reason":"eos_token","generated_tokens":4,"seed":null,"input_length":7}}

								""",
						"Deep", " learning", " is", "<end:eos_token><usage:7/4>"),
				sample("TGI generate_stream, length-limited without details",
						"""
								data:{"index":15,"token":{"id":2,"text":" suit","logprob":-0.1,"special":false},"generated_text":null,"details":null}

								data:{"index":16,"token":{"id":28723,"text":".","logprob":-0.6196289,"special":false},"generated_text":"This is a picture of an anthropomorphic rabbit in a space suit.","details":null}

								""",
						" suit", ".", "<end:null>"),
				sample("TGI keep-alive then mid-stream error",
						"""
								data:{"index":1,"token":{"id":450,"text":"The","logprob":-0.5,"special":false},"generated_text":null,"details":null}

								:

								data:{"error":"Request failed during generation: Server error: CUDA out of memory","error_type":"generation"}

								""",
						"The",
						"<error:ContainerError:Request failed during generation: Server error: CUDA out of memory (generation)>"),
				sample("TGI Messages API with a usage chunk",
						"""
								data:{"object":"chat.completion.chunk","id":"","created":1741266005,"model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","content":"OK"},"logprobs":null,"finish_reason":null}],"usage":null}

								data:{"object":"chat.completion.chunk","id":"","created":1741266005,"model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","content":"!"},"logprobs":null,"finish_reason":null}],"usage":null}

								data:{"object":"chat.completion.chunk","id":"","created":1741266005,"model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":"stop"}],"usage":null}

								data:{"object":"chat.completion.chunk","id":"","created":1741266005,"model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.1.2-dev0-native","choices":[],"usage":{"prompt_tokens":39,"completion_tokens":3,"total_tokens":42}}

								data:[DONE]

								""",
						"OK", "!", "<end:stop><usage:39/3>"),
				sample("TGI Messages API mid-stream error",
						"""
								data:{"object":"chat.completion.chunk","id":"","created":1741266005,"model":"tgi","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","content":"Deep"},"logprobs":null,"finish_reason":null}],"usage":null}

								data:{"error":{"message":"Request failed during generation: Server error: ...","http_status_code":422}}

								data:[DONE]

								""",
						"Deep", "<error:ContainerError:Request failed during generation: Server error: ... (422)>"),
				sample("TGI Messages API tool call deltas carry no text",
						"""
								data:{"object":"chat.completion.chunk","id":"","created":1741688515,"model":"meta-llama/Llama-3.1-8B-Instruct","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"0","type":"function","function":{"name":"get_current_weather","arguments":"{"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

								data:{"object":"chat.completion.chunk","id":"","created":1741688515,"model":"m","system_fingerprint":"3.1.2-dev0-native","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"0","type":"function","function":{"name":null,"arguments":"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

								data:[DONE]

								""",
						"<delta:0:0:get_current_weather:{>", "<delta:0:0:null:}>",
						"<end:tool_calls><call:0:get_current_weather:{}>"),
				sample("vLLM chat, two tool calls streamed by index, then usage",
						"""
								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-a","type":"function","index":0,"function":{"name":"weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\": "}}]},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-b","type":"function","index":1,"function":{"name":"time","arguments":"{}"}}]},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":"tool_calls","stop_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":120,"total_tokens":150,"completion_tokens":30}}

								data: [DONE]

								""",
						"<delta:0:chatcmpl-tool-a:weather:>", "<delta:0:null:null:{\"city\": >",
						"<delta:1:chatcmpl-tool-b:time:{}>", "<delta:0:null:null:\"Paris\"}>",
						"<end:tool_calls><call:chatcmpl-tool-a:weather:{\"city\": \"Paris\"}><call:chatcmpl-tool-b:time:{}><usage:120/30>"),
				sample("vLLM chat with reasoning_content, then reasoning (later versions), then the answer", """
						data: {"choices":[{"index":0,"delta":{"reasoning_content":"Think"},"finish_reason":null}]}

						data: {"choices":[{"index":0,"delta":{"reasoning":" hard"},"finish_reason":null}]}

						data: {"choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}

						data: [DONE]

						""", "<think:Think>", "<think: hard>", "42", "<end:stop>"),
				sample("DJL/LMI async vLLM chat, usage after the finish, no [DONE] but the body's end",
						"""
								{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}
								{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"total_tokens":6,"completion_tokens":1}}
								""",
						"Hi", "<end:stop><usage:5/1>"),
				sample("vLLM chat with usage on every chunk (continuous_usage_stats): the last wins",
						"""
								data: {"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}],"usage":{"prompt_tokens":5,"total_tokens":6,"completion_tokens":1}}

								data: {"choices":[{"index":0,"delta":{"content":"b"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"total_tokens":7,"completion_tokens":2}}

								data: [DONE]

								""",
						"a", "b", "<end:length><usage:5/2>"),
				sample("an answer whose trailing usage record is cut off is still whole", """
						{"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}
						{"choices":[],"usage":{"prompt_tok""", "Hi", "<end:stop>"),
				sample("DJL/LMI rolling batch JSON lines",
						"""
								{"token": {"id": 304, "text": "Deep", "log_prob": -0.052432529628276825}}
								{"token": {"id": 11157, "text": " Learning", "log_prob": -1.2865009307861328}}
								{"token": {"id": 278, "text": " is", "log_prob": -0.007458459585905075}, "generated_text": "Deep Learning is", "details": {"finish_reason": "length", "generated_tokens": 3, "inputs": "What is Deep Learning?"}}
								""",
						"Deep", " Learning", " is", "<end:length>"),
				sample("DJL/LMI rolling batch error without trailing newline", """
						{"token": {"id": 304, "text": "Deep ", "log_prob": -0.05}}
						{"code":424,"error":"exception occurred during rolling batch inference"}""", "Deep ",
						"<error:ContainerError:exception occurred during rolling batch inference (424)>"),
				sample("DJL/LMI error token",
						"""
								{"token": {"id": 304, "text": "Deep ", "log_prob": -0.05}}
								{"token": {"id": -1, "text": "", "log_prob": -1, "special_token": true, "error_msg": "CUDA error"}, "generated_text": "", "details": {"finish_reason": "error"}}
								""",
						"Deep ", "<error:ContainerError:CUDA error>"),
				sample("DJL/LMI server-sent events (TGI compatibility)",
						"""
								data: {"token": {"id": 304, "text": "Deep ", "logprob": -0.05}}

								data: {"token": {"id": 278, "text": " is", "logprob": -0.01}, "generated_text": "Deep Learning is", "details": {"finish_reason": "length", "generated_tokens": 3, "inputs": "What is Deep Learning?"}}

								""",
						"Deep ", " is", "<end:length>"),
				sample("DJL/LMI chat JSON lines",
						"""
								{"id": "chatcmpl-140245889434512", "object": "chat.completion.chunk", "created": 1712792433, "choices": [{"index": 0, "delta": {"content": " Oh", "role": "assistant"}, "logprobs": null, "finish_reason": null}]}
								{"id": "chatcmpl-140245889434512", "object": "chat.completion.chunk", "created": 1712792436, "choices": [{"index": 0, "delta": {"content": " assist"}, "logprobs": null, "finish_reason": "length"}]}
								""",
						" Oh", " assist", "<end:length>"),
				sample("DJL/LMI async vLLM chat, [DONE] as an empty line",
						"""
								{"id":"chatcmpl-8b2b9172","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}
								{"id":"chatcmpl-8b2b9172","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"content":" Hello"},"logprobs":null,"finish_reason":null}]}
								{"id":"chatcmpl-8b2b9172","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

								""",
						" Hello", "!", "<end:stop>"),
				sample("DJL/LMI async vLLM with a TGI-schema request",
						"""
								{"index": 0, "token": {"id": 791, "text": " The", "logprob": -0.42}, "generated_text": null, "details": null}
								{"index": 0, "token": {"id": 4320, "text": " answer", "logprob": -0.31}, "generated_text": " The answer", "details": null}

								""",
						" The", " answer", "<end:null>"),
				sample("legacy DJL/LMI outputs, no end marker", """
						{"outputs": [" a"]}
						{"outputs": [" challenging"]}
						{"outputs": [" problem"]}
						""", " a", " challenging", " problem", "<end:null>"),
				sample("legacy DJL/LMI outputs with ASCII escapes", """
						{"outputs": [" caf\\u00e9"]}
						{"outputs": [" \\ud83d\\ude00"]}
						""", " café", " 😀", "<end:null>"),
				sample("legacy DJL/LMI json formatter, one object streamed piecewise", """
						{"generated_text": "Deep learning is"}""", "Deep learning is", "<end:null>"),
				sample("vLLM chat, content on the finish chunk",
						"""
								data: {"id":"chatcmpl-8b2b91720edd4372b0579e89255b4828","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}

								data: {"id":"chatcmpl-8b2b91720edd4372b0579e89255b4828","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"content":" ."},"logprobs":null,"finish_reason":null}]}

								data: {"id":"chatcmpl-8b2b91720edd4372b0579e89255b4828","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"content":"<think>"},"logprobs":null,"finish_reason":null}]}

								data: {"id":"chatcmpl-8b2b91720edd4372b0579e89255b4828","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[{"index":0,"delta":{"content":" I"},"logprobs":null,"finish_reason":"length","stop_reason":null}]}

								data: [DONE]

								""",
						" .", "<think>", " I", "<end:length>"),
				sample("vLLM chat with a usage chunk",
						"""
								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1772423572,"model":"qwen3_8b","choices":[],"usage":{"prompt_tokens":21,"total_tokens":31,"completion_tokens":10}}

								data: [DONE]

								""",
						"!", "<end:stop><usage:21/10>"),
				sample("vLLM completions then an error",
						"""
								data: {"id":"cmpl-9f","object":"text_completion","created":1772423600,"model":"qwen3_8b","choices":[{"index":0,"text":" a","logprobs":null,"finish_reason":null,"stop_reason":null}]}

								data: {"error":{"message":"max tokens exceeded","type":"BadRequestError","param":null,"code":400}}

								data: [DONE]

								""",
						" a", "<error:ContainerError:max tokens exceeded (BadRequestError)>"),
				sample("JumpStart Falcon as AWS shows it, with its final record", """
						data:{"token": {"text": " a"}}

						data:{"token": {"text": " challenging"}}

						data:{"token": {"text": " problem"}, "generated_text": " a challenging problem"}

						""", " a", " challenging", " problem", "<end:null>"),
				sample("CRLF line ends, SSE fields and comments",
						"event: message\r\nid: 7\r\n: keep-alive\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\r\n\r\ndata: [DONE]\r\n\r\n",
						"x", "<end:stop>"),
				sample("multi-byte characters", """
						data:{"token":{"text":"日本","special":false},"generated_text":null}

						data:{"token":{"text":" 🚀 é","special":false},"generated_text":"日本 🚀 é"}

						""", "日本", " 🚀 é", "<end:null>"),
				sample("vLLM chat with two choices, the second finishing first",
						"""
								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"One"},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":1,"delta":{"content":"Two"},"logprobs":null,"finish_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":1,"delta":{"content":" done"},"logprobs":null,"finish_reason":"length","stop_reason":null}]}

								data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":" whole"},"logprobs":null,"finish_reason":"stop","stop_reason":null}]}

								data: [DONE]

								""",
						"One", " whole", "<end:stop>"),
				sample("several choices in one chunk, index before or after the delta",
						"""
								data: {"choices":[{"delta":{"content":"B"},"index":1,"finish_reason":"stop"},{"delta":{"content":"A"},"index":0,"finish_reason":null}]}

								data: {"choices":[{"index":0,"text":"!","finish_reason":"length"}]}

								data: [DONE]

								""",
						"A", "!", "<end:length>"),
				sample("DJL/LMI 3p_stream, a format the decoder does not know",
						"""
								{"body": {"generation": " world", "prompt_token_count": null, "generation_token_count": 3, "stop_reason": null}, "metering": {"outputTokenCount": 3}, "content_type": "application/jsonlines"}
								""",
						"<error:UnrecognizedFormat>"),
				sample("Triton generate_stream, a format the decoder does not know",
						"""
								data: {"model_name":"ensemble","model_version":"1","sequence_end":false,"sequence_id":0,"sequence_start":false,"text_output":"Hello"}

								""",
						"<error:UnrecognizedFormat>"),
				sample("a stream cut before the end marker", """
						data: {"choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}

						data: {"choices":[{"index":0,"delta":{"content":" wor""", "Hello", "<error:IncompleteStream>"),
				sample("an empty stream", "", "<error:IncompleteStream>"),
				sample("a record cut inside an array, then more records",
						"data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}, 2\n\n"
								+ "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\n\n",
						"<error:MalformedRecord>"),
				sample("legacy outputs cut inside the array, then more records",
						"{\"outputs\": [\"a\", \"b\"\n{\"outputs\": [\"c\"]}\n", "<error:MalformedRecord>"),
				sample("plain text where JSON was expected", "Hello there\n", "<error:MalformedRecord>"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void decodesWhole(String name, byte[] body, List<String> expected) {
		assertThat(decode(List.of(body))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void decodesTheSameWhenSplitAtEveryByteOffset(String name, byte[] body, List<String> expected) {
		for (int offset = 0; offset <= body.length; offset++) {
			List<byte[]> parts = List.of(Arrays.copyOfRange(body, 0, offset),
					Arrays.copyOfRange(body, offset, body.length));
			assertThat(decode(parts)).as("split at byte %d", offset).isEqualTo(expected);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void decodesTheSameOneByteAtATimeWithEmptyParts(String name, byte[] body, List<String> expected) {
		List<byte[]> parts = new ArrayList<>();
		for (byte b : body) {
			parts.add(new byte[0]);
			parts.add(new byte[] { b });
		}
		assertThat(decode(parts)).isEqualTo(expected);
	}

	@Test
	void replacesInvalidUtf8InsideARecordAndGoesOn() {
		byte[] body = concat("data:{\"token\":{\"text\":\"a", new byte[] { (byte) 0xC3, (byte) 0x28 },
				"b\"},\"generated_text\":null}\n\ndata:{\"token\":{\"text\":\"c\"},\"generated_text\":\"x\"}\n\n");
		assertThat(decode(List.of(body))).containsExactly("a\uFFFD(b", "c", "<end:null>");
	}

	/**
	 * Every class of ill-formed UTF-8 inside a string: overlong forms, surrogates, code
	 * points above U+10FFFF, truncated sequences, stray continuation bytes and bytes that
	 * never start one.
	 */
	static Stream<byte[]> illFormedSequences() {
		int[][] sequences = { { 0xC0, 0x80 }, { 0xC1, 0xBF }, { 0xE0, 0x80, 0x80 }, { 0xE0, 0x9F, 0xBF },
				{ 0xF0, 0x80, 0x80, 0x80 }, { 0xF0, 0x8F, 0xBF, 0xBF }, { 0xF4, 0x90, 0x80, 0x80 },
				{ 0xED, 0xA0, 0x80 }, { 0xED, 0xBF, 0xBF }, { 0xE2, 0x82 }, { 0xF0, 0x9F, 0x98 }, { 0x80 },
				{ 0xBF, 0xBF }, { 0xF5, 0x80, 0x80, 0x80 }, { 0xF8, 0x88, 0x80, 0x80, 0x80 }, { 0xFE }, { 0xFF },
				{ 0xC3, 0x28 } };
		return Arrays.stream(sequences).map((sequence) -> {
			byte[] bytes = new byte[sequence.length];
			for (int i = 0; i < sequence.length; i++) {
				bytes[i] = (byte) sequence[i];
			}
			return bytes;
		});
	}

	@ParameterizedTest
	@MethodSource("illFormedSequences")
	void readsIllFormedUtf8AsTheJdkDoesOnEveryPath(byte[] sequence) {
		String expected = new String(concat("x", sequence, "y"), StandardCharsets.UTF_8);
		assertThat(expected).as("the JDK's reading").doesNotContain("\u0000").contains("\uFFFD");
		assertThat(expected.chars().filter((c) -> Character.isSurrogate((char) c))).isEmpty();
		byte[] chat = concat("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x", sequence,
				"y\"},\"finish_reason\":\"stop\"}]}\n\n");
		byte[] chatWithUsage = concat("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x", sequence,
				"y\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}\n\n");
		byte[] tgi = concat("data:{\"token\":{\"text\":\"x", sequence, "y\"},\"generated_text\":\"\"}\n\n");
		assertThat(decode(List.of(chat))).as("fast path").containsExactly(expected, "<end:stop>");
		assertThat(decode(List.of(chatWithUsage))).as("Jackson").containsExactly(expected, "<end:stop><usage:1/2>");
		assertThat(decode(List.of(tgi))).as("Jackson, TGI").containsExactly(expected, "<end:null>");
		List<InferenceChunk> whole = new WholeAnswerDecoder()
			.decode(concat("[{\"generated_text\":\"x", sequence, "y\"}]"), METADATA);
		assertThat(whole.get(0).text()).as("whole answer").isEqualTo(expected);
	}

	@Test
	void readsARecordNestedAsDeepAsJacksonAllowsAndFailsOneLevelDeeper() {
		int limit = JacksonRecordReader.LIMITS.getMaxNestingDepth();
		assertThat(decode(List.of(nestedRecord(limit - 1)))).containsExactly("a", "<end:stop>");
		assertThatExceptionOfType(StreamingInferenceException.class)
			.isThrownBy(() -> new ContainerDialectDecoder().start(METADATA).decode(nestedRecord(limit), (chunk) -> {
			}))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.MALFORMED_RECORD);
				assertThat(ex.getMessage()).contains("'my-llm'", "nesting depth (" + (limit + 1) + ")")
					.doesNotContainIgnoringCase("retry");
				assertThat(ex.getCause()).isNotNull();
			});
	}

	@Test
	void aLastRecordNestedTooDeepIsMalformedNotCutOff() {
		int limit = JacksonRecordReader.LIMITS.getMaxNestingDepth();
		byte[] record = nestedRecord(limit);
		ResponseDecoder.Session session = new ContainerDialectDecoder().start(METADATA);
		session.decode(Arrays.copyOf(record, record.length - 2), (chunk) -> {
		});
		assertThatExceptionOfType(StreamingInferenceException.class).isThrownBy(() -> session.complete((chunk) -> {
		}))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.MALFORMED_RECORD))
			.withMessageContaining("nesting depth");
	}

	/**
	 * A chat record whose first field nests {@code arrays} arrays in the record's object.
	 */
	private static byte[] nestedRecord(int arrays) {
		return ("data: {\"nested\":" + "[".repeat(arrays) + "]".repeat(arrays)
				+ ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}\n\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void failsARecordLongerThanTheLimitWithoutBufferingIt() {
		ResponseDecoder.Session session = new ContainerDialectDecoder(64).start(METADATA);
		byte[] part = new byte[40];
		Arrays.fill(part, (byte) 'x');
		part[0] = '{';
		session.decode(part, (chunk) -> {
		});
		assertThatExceptionOfType(StreamingInferenceException.class).isThrownBy(() -> session.decode(part, (chunk) -> {
		}))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.RECORD_TOO_LARGE))
			.withMessageContaining("sagemaker.runtime.max-record-size");
	}

	@Test
	void containerErrorsCarryTheContainerMessageAndTheEndpoint() {
		ResponseDecoder.Session session = new ContainerDialectDecoder().start(METADATA);
		assertThatExceptionOfType(ContainerErrorException.class).isThrownBy(() -> session.decode(
				"data:{\"error\":\"overloaded\",\"error_type\":\"overloaded\"}\n\n".getBytes(StandardCharsets.UTF_8),
				(chunk) -> {
				}))
			.satisfies((ex) -> {
				assertThat(ex.containerMessage()).isEqualTo("overloaded (overloaded)");
				assertThat(ex.endpointName()).isEqualTo("my-llm");
				assertThat(ex.requestId()).isEqualTo("req-1");
			});
	}

	@Test
	void anUnknownRecordFailsAtOnceQuotingItsStartAndPointingToTheWaysOut() {
		ResponseDecoder.Session session = new ContainerDialectDecoder().start(METADATA);
		String record = "{\"model_name\":\"ensemble\",\"text_output\":\"" + "x".repeat(500) + "\"}\n";
		List<InferenceChunk> chunks = new ArrayList<>();
		assertThatExceptionOfType(StreamingInferenceException.class)
			.isThrownBy(() -> session.decode(record.getBytes(StandardCharsets.UTF_8), chunks::add))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEqualTo(StreamingInferenceException.UNRECOGNIZED_FORMAT);
				assertThat(ex.getMessage())
					.contains("'my-llm'", "starting with '" + record.substring(0, 200) + "'",
							"sagemaker.runtime.format=raw", "ResponseDecoder")
					.doesNotContain(record.substring(0, 201))
					.doesNotContainIgnoringCase("retry");
			});
		assertThat(chunks).isEmpty();
	}

	@Test
	void incompleteStreamsSayWhatToDo() {
		ResponseDecoder.Session session = new ContainerDialectDecoder().start(METADATA);
		session.decode("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n".getBytes(StandardCharsets.UTF_8),
				(chunk) -> {
				});
		assertThatExceptionOfType(IncompleteStreamException.class).isThrownBy(() -> session.complete((chunk) -> {
		})).withMessageContaining("'my-llm'").withMessageContaining("retry the request");
	}

	private static List<String> decode(List<byte[]> parts) {
		ResponseDecoder.Session session = new ContainerDialectDecoder().start(METADATA);
		List<String> outcome = new ArrayList<>();
		try {
			for (byte[] part : parts) {
				session.decode(part, (chunk) -> outcome.add(describe(chunk)));
			}
			session.complete((chunk) -> outcome.add(describe(chunk)));
		}
		catch (ContainerErrorException ex) {
			outcome.add("<error:" + ex.errorCode() + ":" + ex.containerMessage() + ">");
		}
		catch (StreamingInferenceException ex) {
			outcome.add("<error:" + ex.errorCode() + ">");
		}
		return outcome;
	}

	private static String describe(InferenceChunk chunk) {
		assertThat(chunk.metadata()).isSameAs(METADATA);
		if (chunk.last()) {
			assertThat(chunk.text()).isEmpty();
			assertThat(chunk.reasoning()).isEmpty();
			String calls = chunk.toolCalls()
				.stream()
				.map((call) -> "<call:" + call.id() + ":" + call.name() + ":" + call.arguments() + ">")
				.reduce("", String::concat);
			String usage = (chunk.usage() != null)
					? "<usage:" + chunk.usage().inputTokens() + "/" + chunk.usage().outputTokens() + ">" : "";
			return "<end:" + chunk.finishReason() + ">" + calls + usage;
		}
		assertThat(chunk.toolCalls()).isEmpty();
		assertThat(chunk.usage()).isNull();
		if (!chunk.reasoning().isEmpty()) {
			return "<think:" + chunk.reasoning() + ">" + chunk.text();
		}
		String deltas = chunk.toolCallDeltas()
			.stream()
			.map((delta) -> "<delta:" + delta.index() + ":" + delta.id() + ":" + delta.name() + ":" + delta.arguments()
					+ ">")
			.reduce("", String::concat);
		return chunk.text() + deltas;
	}

	private static Arguments sample(String name, String body, String... expected) {
		return Arguments.of(name, body.getBytes(StandardCharsets.UTF_8), List.of(expected));
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		byte[] a = head.getBytes(StandardCharsets.UTF_8);
		byte[] c = tail.getBytes(StandardCharsets.UTF_8);
		byte[] all = Arrays.copyOf(a, a.length + middle.length + c.length);
		System.arraycopy(middle, 0, all, a.length, middle.length);
		System.arraycopy(c, 0, all, a.length + middle.length, c.length);
		return all;
	}

}
