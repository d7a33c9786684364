package io.github.sagemakerstreaming.runtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What one call of a decoding session produced: its chunks, then the failure that stopped
 * it, if any. Iterating yields the chunks and then throws the failure, so that a
 * flattening operator delivers every chunk decoded before an error and then ends the
 * stream with it.
 */
final class DecodedChunks implements Iterable<InferenceChunk> {

	private final List<InferenceChunk> chunks = new ArrayList<>(2);

	private @Nullable RuntimeException failure;

	private DecodedChunks() {
	}

	static DecodedChunks of(Consumer<Consumer<InferenceChunk>> decoding) {
		DecodedChunks decoded = new DecodedChunks();
		try {
			decoding.accept(decoded.chunks::add);
		}
		catch (RuntimeException ex) {
			decoded.failure = ex;
		}
		return decoded;
	}

	@Override
	public Iterator<InferenceChunk> iterator() {
		Iterator<InferenceChunk> chunks = this.chunks.iterator();
		if (this.failure == null) {
			return chunks;
		}
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				if (chunks.hasNext()) {
					return true;
				}
				throw DecodedChunks.this.failure;
			}

			@Override
			public InferenceChunk next() {
				return chunks.next();
			}

		};
	}

}
