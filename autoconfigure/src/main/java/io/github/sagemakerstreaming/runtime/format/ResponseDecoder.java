package io.github.sagemakerstreaming.runtime.format;

import java.util.function.Consumer;

import io.github.sagemakerstreaming.runtime.InferenceChunk;
import io.github.sagemakerstreaming.runtime.ResponseMetadata;

/**
 * Turns the {@code PayloadPart} bytes of one response into {@link InferenceChunk}s.
 * Implement it for a container with a format of its own and declare it as a bean (or pass
 * it to the template's builder).
 * <p>
 * SageMaker cuts the container's body into parts anywhere: a record may be split over
 * parts, a part may hold several records, a multi-byte character may be split, and a part
 * may be empty. A session must keep what it has not yet decoded until the next part.
 */
@FunctionalInterface
public interface ResponseDecoder {

	/**
	 * Starts decoding one response. Called once per invocation, before its first part.
	 * @param metadata the response metadata, to put on every chunk
	 * @return the session that decodes this response
	 */
	Session start(ResponseMetadata metadata);

	/**
	 * The decoding state of one response. Its methods are called by one thread at a time,
	 * in order, on a Netty event loop: they must not block.
	 */
	interface Session {

		/**
		 * Decodes the bytes of one {@code PayloadPart}, passing on every chunk they
		 * complete. Chunks passed on before an exception is thrown are delivered before
		 * the stream fails with it.
		 * @param part the bytes; not to be modified, nor referenced after returning
		 * @param chunks receives the chunks, in order
		 * @throws io.github.sagemakerstreaming.runtime.StreamingInferenceException if the
		 * bytes report or contain an error; the stream then fails with it
		 */
		void decode(byte[] part, Consumer<InferenceChunk> chunks);

		/**
		 * Ends the response after its last part: decodes what is left, checks that the
		 * container finished and passes on the last chunks, ending with one whose
		 * {@link InferenceChunk#last()} is true.
		 * @param chunks receives the chunks, in order
		 * @throws io.github.sagemakerstreaming.runtime.StreamingInferenceException if the
		 * response is incomplete
		 */
		void complete(Consumer<InferenceChunk> chunks);

	}

}
