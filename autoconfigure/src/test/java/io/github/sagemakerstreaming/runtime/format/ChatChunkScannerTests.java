package io.github.sagemakerstreaming.runtime.format;

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
import tools.jackson.core.exc.StreamConstraintsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fast chat-chunk scanner against Jackson, the reference: on every record it accepts,
 * both must read the same; and it must accept the records that streams are made of, or it
 * saves nothing.
 */
class ChatChunkScannerTests {

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
		int illFormedRead = 0;
		for (int i = 0; i < 40_000; i++) {
			byte[] bytes = seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8);
			int at = random.nextInt(bytes.length);
			boolean illFormed = random.nextInt(4) == 0;
			if (illFormed) {
				bytes = withIllFormedUtf8(bytes, at, random);
			}
			else {
				String alphabet = "{}[]\",:\\ 0a-e.nult\u0001";
				bytes[at] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
			}
			ContainerRecord fast = new ContainerRecord();
			if (new ChatChunkScanner().read(bytes, 0, bytes.length, fast)) {
				ContainerRecord reference = new ContainerRecord();
				assertThat(jackson(bytes, reference)).as(new String(bytes, StandardCharsets.UTF_8)).isTrue();
				assertThat(describe(fast)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(describe(reference));
				illFormedRead += illFormed ? 1 : 0;
			}
		}
		assertThat(illFormedRead).as("records with ill-formed UTF-8 that both read").isGreaterThan(1_000);
	}

	@ParameterizedTest
	@MethodSource("nestingPlaces")
	void agreesWithJacksonOnNestingAsDeepAsItAllowsAndRefusesOneLevelDeeper(String place) {
		int limit = JacksonRecordReader.LIMITS.getMaxNestingDepth();
		byte[] deepest = nested(place, limit).getBytes(StandardCharsets.UTF_8);
		ContainerRecord fast = new ContainerRecord();
		assertThat(new ChatChunkScanner().read(deepest, 0, deepest.length, fast)).as("scanner at the limit").isTrue();
		ContainerRecord reference = new ContainerRecord();
		assertThat(jackson(deepest, reference)).as("Jackson at the limit").isTrue();
		assertThat(describe(fast)).isEqualTo(describe(reference)).contains("text=x");
		byte[] deeper = nested(place, limit + 1).getBytes(StandardCharsets.UTF_8);
		assertThat(new ChatChunkScanner().read(deeper, 0, deeper.length, new ContainerRecord()))
			.as("scanner one level deeper")
			.isFalse();
		assertThatExceptionOfType(StreamConstraintsException.class)
			.isThrownBy(() -> new JacksonRecordReader().read(deeper, 0, deeper.length, new ContainerRecord()))
			.withMessageContaining("nesting depth (" + (limit + 1) + ")");
	}

	@Test
	void neverRecursesIntoAHundredThousandNestedArrays() {
		byte[] bytes = nested("record", 100_000).getBytes(StandardCharsets.UTF_8);
		assertThat(new ChatChunkScanner().read(bytes, 0, bytes.length, new ContainerRecord())).isFalse();
	}

	@Test
	void leavesNumbersAndKeysLongerThanJacksonReadsToJackson() {
		int digits = JacksonRecordReader.LIMITS.getMaxNumberLength();
		int keyLength = JacksonRecordReader.LIMITS.getMaxNameLength();
		String chunk = "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}";
		for (String record : List.of("{\"n\":" + "1".repeat(digits) + "," + chunk,
				"{\"" + "k".repeat(keyLength) + "\":1," + chunk)) {
			byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
			assertThat(new ChatChunkScanner().read(bytes, 0, bytes.length, new ContainerRecord())).isTrue();
			assertThat(jackson(bytes, new ContainerRecord())).isTrue();
		}
		for (String record : List.of("{\"n\":" + "1".repeat(digits + 1) + "," + chunk,
				"{\"" + "k".repeat(keyLength + 1) + "\":1," + chunk)) {
			byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
			assertThat(new ChatChunkScanner().read(bytes, 0, bytes.length, new ContainerRecord())).isFalse();
			assertThatExceptionOfType(StreamConstraintsException.class)
				.isThrownBy(() -> jackson(bytes, new ContainerRecord()));
		}
	}

	static Stream<String> nestingPlaces() {
		return Stream.of("record", "choice", "role");
	}

	/**
	 * A chat chunk with a value nested {@code depth} levels deep, counting the record's
	 * object, in the record, in the choice or as the delta's role.
	 */
	private static String nested(String place, int depth) {
		int outer = switch (place) {
			case "record" -> 1;
			case "choice" -> 3;
			default -> 4;
		};
		String value = "[".repeat(depth - outer) + "]".repeat(depth - outer);
		return switch (place) {
			case "record" -> "{\"nested\":" + value + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}";
			case "choice" -> "{\"choices\":[{\"index\":0,\"nested\":" + value + ",\"delta\":{\"content\":\"x\"}}]}";
			default -> "{\"choices\":[{\"index\":0,\"delta\":{\"role\":" + value + ",\"content\":\"x\"}}]}";
		};
	}

	/**
	 * Reads a record as the decoder's Jackson path does.
	 */
	private static boolean jackson(byte[] bytes, ContainerRecord record) {
		JacksonRecordReader reader = new JacksonRecordReader();
		try {
			return reader.read(bytes, 0, bytes.length, record);
		}
		finally {
			reader.close();
		}
	}

	/**
	 * Puts one ill-formed UTF-8 sequence in place of the byte at {@code at}: an overlong
	 * form, a surrogate, a code point above U+10FFFF, a truncated sequence, a stray
	 * continuation byte or a byte that never starts one.
	 */
	private static byte[] withIllFormedUtf8(byte[] bytes, int at, Random random) {
		int[][] sequences = { { 0xC0, 0x80 }, { 0xC1, 0xBF }, { 0xE0, 0x80, 0x80 }, { 0xF0, 0x80, 0x80, 0x80 },
				{ 0xF4, 0x90, 0x80, 0x80 }, { 0xED, 0xA0, 0x80 }, { 0xE2, 0x82 }, { 0xF0, 0x9F, 0x98 }, { 0x80 },
				{ 0xF5, 0x80, 0x80, 0x80 }, { 0xFF } };
		int[] sequence = sequences[random.nextInt(sequences.length)];
		byte[] mutated = new byte[bytes.length - 1 + sequence.length];
		System.arraycopy(bytes, 0, mutated, 0, at);
		for (int i = 0; i < sequence.length; i++) {
			mutated[at + i] = (byte) sequence[i];
		}
		System.arraycopy(bytes, at + 1, mutated, at + sequence.length, bytes.length - at - 1);
		return mutated;
	}

	private static String describe(ContainerRecord record) {
		return "choices=" + record.hasChoices + " text=" + record.choiceText + " finish=" + record.finishReason
				+ " reasoning=" + record.choiceReasoning + " calls=" + record.toolCallDeltas + " usage="
				+ record.inputTokens + "/" + record.outputTokens + " error=" + record.hasError + " known="
				+ record.known + " token=" + record.hasToken + " generated=" + record.generatedText + " outputs="
				+ record.outputsText;
	}

}
