package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import org.junit.jupiter.api.Test;

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
