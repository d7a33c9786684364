package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames match, byte for byte, the test vectors that the AWS SDK for Java and
 * Python's zlib produce.
 */
class EventStreamFramesTests {

	@Test
	void payloadPartMatchesTheTestVector() {
		byte[] frame = EventStreamFrames
			.payloadPart("data:{\"token\":{\"text\":\"Hi\"}}\n\n".getBytes(StandardCharsets.UTF_8));
		assertThat(HexFormat.of().formatHex(frame)).isEqualTo("00000087" + "00000059" + "74535abb"
				+ "0d3a6d6573736167652d74797065" + "07" + "0005" + "6576656e74" + "0b3a6576656e742d74797065" + "07"
				+ "000b" + "5061796c6f616450617274" + "0d3a636f6e74656e742d74797065" + "07" + "0018"
				+ "6170706c69636174696f6e2f6f637465742d73747265616d"
				+ "646174613a7b22746f6b656e223a7b2274657874223a224869227d7d0a0a" + "6a7afa8b");
	}

	@Test
	void modelStreamErrorMatchesTheTestVector() {
		byte[] frame = EventStreamFrames
			.exception("ModelStreamError", "{\"Message\":\"Your model primary did not complete "
					+ "sending the inference response in the allotted time.\",\"ErrorCode\":\"ModelInvocationTimeExceeded\"}");
		String hex = HexFormat.of().formatHex(frame);
		assertThat(frame).hasSize(254);
		assertThat(hex).startsWith("000000fe0000005e1ef54da6").endsWith("e43f9fc2");
	}

	@Test
	void aBadChecksumChangesOnlyTheMessageCrc() {
		byte[] frame = EventStreamFrames.payloadPart(new byte[] { 'x' });
		byte[] corrupted = EventStreamFrames.withBadChecksum(frame);
		assertThat(corrupted).hasSameSizeAs(frame);
		assertThat(HexFormat.of().formatHex(corrupted, 0, frame.length - 4))
			.isEqualTo(HexFormat.of().formatHex(frame, 0, frame.length - 4));
		assertThat(corrupted[frame.length - 1]).isNotEqualTo(frame[frame.length - 1]);
	}

}
