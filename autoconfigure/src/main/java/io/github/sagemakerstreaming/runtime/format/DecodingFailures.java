package io.github.sagemakerstreaming.runtime.format;

import java.nio.charset.StandardCharsets;

import io.github.sagemakerstreaming.runtime.ResponseMetadata;
import io.github.sagemakerstreaming.runtime.StreamingInferenceException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The failures of a record that the built-in decoders cannot read, with messages that
 * quote the start of the record and say what to do instead.
 */
final class DecodingFailures {

	/** The longest quote of a record in an error message. */
	static final int QUOTE_LENGTH = 200;

	private static final String OTHER_FORMATS = "If this container answers with plain text, use the raw format "
			+ "(sagemaker.runtime.format=raw); for a format of its own, declare a ResponseDecoder bean that reads its "
			+ "records.";

	private DecodingFailures() {
	}

	static StreamingInferenceException malformed(ResponseMetadata metadata, byte[] bytes, int offset, int length) {
		return new StreamingInferenceException("Endpoint '" + metadata.endpointName() + "' sent a record that is not a "
				+ "JSON object nor a server-sent event line (" + length + " bytes: " + quote(bytes, offset, length)
				+ "), with content type " + metadata.contentType() + ". " + OTHER_FORMATS,
				StreamingInferenceException.MALFORMED_RECORD, metadata.endpointName(), metadata.requestId(), null);
	}

	static StreamingInferenceException unrecognized(ResponseMetadata metadata, byte[] bytes, int offset, int length) {
		return new StreamingInferenceException(
				"Endpoint '" + metadata.endpointName() + "' sent a record of a format this " + "decoder does not know ("
						+ quote(bytes, offset, length) + "), with content type " + metadata.contentType()
						+ ". The built-in decoder reads Hugging Face TGI, DJL/LMI, vLLM and OpenAI-style records. "
						+ OTHER_FORMATS,
				StreamingInferenceException.UNRECOGNIZED_FORMAT, metadata.endpointName(), metadata.requestId(), null);
	}

	static StreamingInferenceException beyondLimits(ResponseMetadata metadata, byte[] bytes, int offset, int length,
			StreamConstraintsException cause) {
		return new StreamingInferenceException(
				"Endpoint '" + metadata.endpointName() + "' sent a record beyond the " + "limits of the JSON reader ("
						+ cause.getOriginalMessage() + "; " + length + " bytes: " + quote(bytes, offset, length)
						+ "), so the stream was stopped. No model's answer needs such a "
						+ "record: check what the endpoint's container sends. " + OTHER_FORMATS,
				StreamingInferenceException.MALFORMED_RECORD, metadata.endpointName(), metadata.requestId(), cause);
	}

	/**
	 * Quotes the start of a record, at most {@value #QUOTE_LENGTH} characters, for a
	 * message.
	 */
	private static String quote(byte[] bytes, int offset, int length) {
		String text = new String(bytes, offset, Math.min(length, QUOTE_LENGTH * 4), StandardCharsets.UTF_8);
		if (text.length() <= QUOTE_LENGTH) {
			return "'" + text + "'";
		}
		int end = Character.isHighSurrogate(text.charAt(QUOTE_LENGTH - 1)) ? QUOTE_LENGTH - 1 : QUOTE_LENGTH;
		return "starting with '" + text.substring(0, end) + "'";
	}

}
