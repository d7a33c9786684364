package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The time limits of one stream; {@code null} means no limit.
 */
record StreamLimits(@Nullable Duration firstToken, @Nullable Duration idle, @Nullable Duration total) {

	static final StreamLimits NONE = new StreamLimits(null, null, null);

	boolean any() {
		return this.firstToken != null || this.idle != null || this.total != null;
	}

	StreamLimits overriddenBy(StreamLimits request) {
		return new StreamLimits((request.firstToken != null) ? request.firstToken : this.firstToken,
				(request.idle != null) ? request.idle : this.idle,
				(request.total != null) ? request.total : this.total);
	}

	/**
	 * Returns these limits but the idle one, for a call that streams no events.
	 */
	StreamLimits withoutIdle() {
		return new StreamLimits(this.firstToken, null, this.total);
	}

}
