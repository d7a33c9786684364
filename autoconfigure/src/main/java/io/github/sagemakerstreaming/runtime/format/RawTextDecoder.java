package io.github.sagemakerstreaming.runtime.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;

/**
 * Decodes the response's bytes as UTF-8 text as they come, one chunk a part, for
 * containers with no record format. A character split over parts is completed by the next
 * part; invalid bytes become U+FFFD. The end of the body is the end of the generation.
 */
public final class RawTextDecoder implements ResponseDecoder {

	@Override
	public Session start(ResponseMetadata metadata) {
		return new RawSession(metadata);
	}

	private static final class RawSession implements Session {

		private final ResponseMetadata metadata;

		private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);

		private ByteBuffer pending = ByteBuffer.allocate(0);

		RawSession(ResponseMetadata metadata) {
			this.metadata = metadata;
		}

		@Override
		public void decode(byte[] part, Consumer<InferenceChunk> chunks) {
			ByteBuffer input = withPending(part);
			CharBuffer text = CharBuffer.allocate(input.remaining() + 1);
			this.utf8.decode(input, text, false);
			this.pending = ByteBuffer.allocate(input.remaining()).put(input).flip();
			emit(text, chunks);
		}

		@Override
		public void complete(Consumer<InferenceChunk> chunks) {
			CharBuffer text = CharBuffer.allocate(this.pending.remaining() + 2);
			this.utf8.decode(this.pending, text, true);
			this.utf8.flush(text);
			emit(text, chunks);
			chunks.accept(InferenceChunk.end(null, this.metadata));
		}

		private void emit(CharBuffer text, Consumer<InferenceChunk> chunks) {
			if (text.position() > 0) {
				chunks.accept(InferenceChunk.token(text.flip().toString(), this.metadata));
			}
		}

		private ByteBuffer withPending(byte[] part) {
			if (!this.pending.hasRemaining()) {
				return ByteBuffer.wrap(part);
			}
			return ByteBuffer.allocate(this.pending.remaining() + part.length).put(this.pending).put(part).flip();
		}

	}

}
