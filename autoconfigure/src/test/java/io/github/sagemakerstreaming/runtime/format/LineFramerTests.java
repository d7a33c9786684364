package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines come out the same however the bytes are cut into pieces.
 */
class LineFramerTests {

	@Test
	void handsOverTheSameLinesWhereverThePiecesAreCut() {
		String text = "data: {\"a\":1}\n\ndata: {\"b\":\"é\"}\r\n: keep-alive\ndata: [DONE]\nlast";
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		List<String> whole = lines(List.of(bytes));
		assertThat(whole).containsExactly("data: {\"a\":1}", "", "data: {\"b\":\"é\"}\r", ": keep-alive",
				"data: [DONE]", "last");
		for (int cut = 0; cut <= bytes.length; cut++) {
			byte[] first = new byte[cut];
			byte[] second = new byte[bytes.length - cut];
			System.arraycopy(bytes, 0, first, 0, cut);
			System.arraycopy(bytes, cut, second, 0, second.length);
			assertThat(lines(List.of(first, second))).as("cut at %d", cut).isEqualTo(whole);
		}
	}

	private static List<String> lines(List<byte[]> pieces) {
		LineFramer framer = new LineFramer(1024);
		List<String> lines = new ArrayList<>();
		LineFramer.LineHandler handler = (bytes, offset, length) -> lines
			.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
		pieces.forEach((piece) -> framer.feed(piece, handler));
		framer.finish(handler);
		return lines;
	}

}
