package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RawTextDecoderTests {

	private static final ResponseMetadata METADATA = new ResponseMetadata("raw", "req", "AllTraffic", "text/plain",
			null);

	@Test
	void decodesTextSplitAtEveryByteOffsetAndEndsAtTheEndOfTheBody() {
		byte[] body = "Grüße, 世界 🚀!".getBytes(StandardCharsets.UTF_8);
		for (int offset = 0; offset <= body.length; offset++) {
			ResponseDecoder.Session session = new RawTextDecoder().start(METADATA);
			StringBuilder text = new StringBuilder();
			session.decode(Arrays.copyOfRange(body, 0, offset), (chunk) -> text.append(chunk.text()));
			session.decode(Arrays.copyOfRange(body, offset, body.length), (chunk) -> text.append(chunk.text()));
			List<InferenceChunk> end = new ArrayList<>();
			session.complete(end::add);
			assertThat(text).as("split at %d", offset).hasToString("Grüße, 世界 🚀!");
			assertThat(end).singleElement().satisfies((chunk) -> assertThat(chunk.last()).isTrue());
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.sagemakerstreaming.runtime.format.ContainerDialectDecoderTests#illFormedSequences")
	void readsIllFormedUtf8AsTheJdkDoesWhereverThePartsAreCut(byte[] sequence) {
		byte[] body = new byte[sequence.length + 2];
		body[0] = 'x';
		System.arraycopy(sequence, 0, body, 1, sequence.length);
		body[body.length - 1] = 'y';
		String expected = new String(body, StandardCharsets.UTF_8);
		for (int offset = 0; offset <= body.length; offset++) {
			ResponseDecoder.Session session = new RawTextDecoder().start(METADATA);
			StringBuilder text = new StringBuilder();
			session.decode(Arrays.copyOfRange(body, 0, offset), (chunk) -> text.append(chunk.text()));
			session.decode(Arrays.copyOfRange(body, offset, body.length), (chunk) -> text.append(chunk.text()));
			session.complete((chunk) -> text.append(chunk.text()));
			assertThat(text).as("split at %d", offset).hasToString(expected);
		}
	}

	@Test
	void replacesInvalidBytesAndATruncatedCharacter() {
		ResponseDecoder.Session session = new RawTextDecoder().start(METADATA);
		List<InferenceChunk> chunks = new ArrayList<>();
		session.decode(new byte[] { 'a', (byte) 0xFF, 'b', (byte) 0xE4, (byte) 0xB8 }, chunks::add);
		List<InferenceChunk> end = new ArrayList<>();
		session.complete(end::add);
		assertThat(chunks).extracting(InferenceChunk::text).containsExactly("a\uFFFDb");
		assertThat(end).extracting(InferenceChunk::text).containsExactly("\uFFFD", "");
	}

}
