package io.github.sagemakerstreaming.runtime.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.github.sagemakerstreaming.emulator.Answer;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.ToolCallScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast chat-chunk scanner against Jackson, the reference: on every record it accepts,
 * both must read the same; and it must accept the records that streams are made of, or it
 * saves nothing.
 */
class ChatChunkScannerTests {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	static Stream<String> records() {
		List<String> records = new ArrayList<>(List.of(
				"{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1772423572,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hello\"},\"logprobs\":null,\"finish_reason\":null}]}",
				"{\"object\":\"chat.completion.chunk\",\"id\":\"\",\"created\":1741266005,\"model\":\"m\",\"system_fingerprint\":\"3.1.2\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"OK\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
				"{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", \"created\": 1712792433, \"choices\": [{\"index\": 0, \"delta\": {\"content\": \" Oh\", \"role\": \"assistant\"}, \"logprobs\": null, \"finish_reason\": null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"logprobs\":null,\"finish_reason\":\"stop\",\"stop_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"text\":\" a\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tab\\there \\\"q\\\" back\\\\slash\\nnew\\/\"},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\\u00e9\"},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
				"{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"},\"finish_reason\":null}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"reasoning_content\":null,\"tool_calls\":null}}]}",
				"{\"choices\":[{\"delta\":{\"content\":\"no index\"}}],\"nested\":{\"a\":[1,-2.5e3,true,false,null,{\"b\":\"c\"}]}}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"choices\":[]}",
				"{\"error\":{\"message\":\"boom\",\"code\":400}}",
				"{\"token\":{\"text\":\"t\"},\"generated_text\":null}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}],\"bad\":01x}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]} trailing",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"unterminated}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"raw\ttab\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"日本 🚀\"},\"finish_reason\":\"length\"}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}], \"a\": {\"b\" \"c\"}}",
				"{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},\"finish_reason\":\"stop\"}]}",
				"[1]", "{}", "{\"choices\":null}",
				"{\"i\u0001d\":\"raw control character in a key\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}"));
		for (Dialect dialect : List.of(Dialect.TGI_MESSAGES, Dialect.VLLM_CHAT, Dialect.LMI_VLLM, Dialect.LMI_CHAT,
				Dialect.VLLM_COMPLETIONS)) {
			Answer answer = new Answer(List.of("think"), List.of("a", " \"b\"", "\n", " 日本"),
					List.of(new ToolCallScript("t", "{\"x\":1}")), "stop", 2, new Answer.Usage(3, 4));
			for (byte[] record : dialect.render(answer)) {
				String line = new String(record, StandardCharsets.UTF_8).strip();
				line = line.startsWith("data:") ? line.substring(5).strip() : line;
				if (line.startsWith("{")) {
					records.add(line);
				}
			}
		}
		return records.stream();
	}

	@ParameterizedTest
	@MethodSource("records")
	void readsEveryRecordItAcceptsAsJacksonDoes(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		ContainerRecord fast = new ContainerRecord();
		if (!new ChatChunkScanner().read(bytes, 0, bytes.length, fast)) {
			return;
		}
		ContainerRecord reference = new ContainerRecord();
		assertThat(jackson(bytes, reference)).as("Jackson reads it too").isTrue();
		assertThat(describe(fast)).isEqualTo(describe(reference));
	}

	@Test
	void acceptsThePlainChunksThatStreamsAreMadeOf() {
		assertThat(records().limit(6)).allSatisfy((text) -> {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			assertThat(new ChatChunkScanner().read(bytes, 0, bytes.length, new ContainerRecord())).as(text).isTrue();
		});
	}

	@Test
	void leavesEveryUnusualRecordToJackson() {
		assertThat(records().skip(6).limit(19)).filteredOn((text) -> {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			return new ChatChunkScanner().read(bytes, 0, bytes.length, new ContainerRecord());
		})
			.containsExactly(
					"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"reasoning_content\":null,\"tool_calls\":null}}]}",
					"{\"choices\":[{\"delta\":{\"content\":\"no index\"}}],\"nested\":{\"a\":[1,-2.5e3,true,false,null,{\"b\":\"c\"}]}}",
					"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"日本 🚀\"},\"finish_reason\":\"length\"}]}",
					"{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},\"finish_reason\":\"stop\"}]}");
	}

	@Test
	void agreesWithJacksonOnRandomMutationsOfRealRecords() {
		Random random = new Random(42);
		List<String> seeds = records().limit(6).toList();
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
			int at = random.nextInt(bytes.length);
			String alphabet = "{}[]\",:\\ 0a-e.nult\u0001";
			bytes[at] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
			ContainerRecord fast = new ContainerRecord();
			if (new ChatChunkScanner().read(bytes, 0, bytes.length, fast)) {
				ContainerRecord reference = new ContainerRecord();
				assertThat(jackson(bytes, reference)).as(new String(bytes, StandardCharsets.UTF_8)).isTrue();
				assertThat(describe(fast)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(describe(reference));
			}
		}
	}

	/**
	 * Reads a record as the decoder's Jackson path does: strictly, and if that fails on
	 * bytes that are not UTF-8, again from the text decoded with replacement characters.
	 */
	private static boolean jackson(byte[] bytes, ContainerRecord record) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes)) {
			return record.read(parser) && parser.nextToken() == null;
		}
		catch (RuntimeException ex) {
			if (isUtf8(bytes)) {
				return false;
			}
			try (JsonParser lenient = JSON.createParser(ObjectReadContext.empty(),
					new String(bytes, StandardCharsets.UTF_8))) {
				return record.read(lenient) && lenient.nextToken() == null;
			}
			catch (RuntimeException stillInvalid) {
				return false;
			}
		}
	}

	private static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static String describe(ContainerRecord record) {
		return "choices=" + record.hasChoices + " text=" + record.choiceText + " finish=" + record.finishReason
				+ " reasoning=" + record.choiceReasoning + " calls=" + record.toolCallDeltas + " usage="
				+ record.inputTokens + "/" + record.outputTokens + " error=" + record.hasError + " known="
				+ record.known + " token=" + record.hasToken + " generated=" + record.generatedText + " outputs="
				+ record.outputsText;
	}

}
