package io.github.sagemakerstreaming.runtime;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A part of a user message that holds more than text: a text or an image, rendered by the
 * {@code openai-chat} format as an OpenAI content part,
 * {@code {"type":"text","text":...}} or
 * {@code {"type":"image_url","image_url":{"url":...}}}. Other formats refuse an image.
 */
public final class ContentPart {

	/** What a part holds. */
	public enum Type {

		/** Text. */
		TEXT,

		/** An image, by URL ({@code http}, {@code https} or {@code data}). */
		IMAGE_URL

	}

	private final Type type;

	private final String value;

	private ContentPart(Type type, String value) {
		this.type = type;
		this.value = value;
	}

	/**
	 * A text part.
	 * @param text the text
	 * @return the part
	 */
	public static ContentPart text(String text) {
		return new ContentPart(Type.TEXT, Objects.requireNonNull(text, "text"));
	}

	/**
	 * An image by URL, which the container fetches (an {@code http} or {@code https} URL)
	 * or reads ({@code data:} URL).
	 * @param url the image's URL
	 * @return the part
	 * @throws InvalidInferenceRequestException if the URL is not an {@code http},
	 * {@code https} or {@code data} URL
	 */
	public static ContentPart imageUrl(String url) {
		Objects.requireNonNull(url, "url");
		String scheme = url.substring(0, Math.max(0, url.indexOf(':'))).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("data")) {
			throw new InvalidInferenceRequestException("An image URL must be an http, https or data URL, but it is '"
					+ ((url.length() > 40) ? url.substring(0, 40) + "..." : url)
					+ "': give the image's bytes with ContentPart.image(bytes, mimeType) to send them as a data URL.",
					null);
		}
		return new ContentPart(Type.IMAGE_URL, url);
	}

	/**
	 * An image given as bytes, sent as a base64 {@code data:} URL.
	 * @param data the image's bytes
	 * @param mimeType the image's MIME type, for example {@code image/png}
	 * @return the part
	 */
	public static ContentPart image(byte[] data, String mimeType) {
		Objects.requireNonNull(data, "data");
		Objects.requireNonNull(mimeType, "mimeType");
		return new ContentPart(Type.IMAGE_URL,
				"data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(data));
	}

	/**
	 * Returns what the part holds.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * Returns the text of a text part.
	 * @return the text, or {@code null} for an image
	 */
	public @Nullable String text() {
		return (this.type == Type.TEXT) ? this.value : null;
	}

	/**
	 * Returns the URL of an image part.
	 * @return the URL, a {@code data:} URL for an image given as bytes, or {@code null}
	 * for a text
	 */
	public @Nullable String url() {
		return (this.type == Type.IMAGE_URL) ? this.value : null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ContentPart that && this.type == that.type && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.value);
	}

	@Override
	public String toString() {
		return "ContentPart[" + this.type + "]";
	}

}
