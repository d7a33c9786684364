package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

/**
 * The time limits of one stream; {@code null} means no limit.
 */
record StreamLimits(Duration firstToken, Duration idle, Duration total) {

	static final StreamLimits NONE = new StreamLimits(null, null, null);

	boolean any() {
		return this.firstToken != null || this.idle != null || this.total != null;
	}

	StreamLimits overriddenBy(Duration firstToken, Duration idle, Duration total) {
		return new StreamLimits((firstToken != null) ? firstToken : this.firstToken, (idle != null) ? idle : this.idle,
				(total != null) ? total : this.total);
	}

	/**
	 * Returns these limits but the idle one, for a call that streams no events.
	 */
	StreamLimits withoutIdle() {
		return new StreamLimits(this.firstToken, null, this.total);
	}

	static void check(Duration limit, String field) {
		if (limit != null && (limit.isZero() || limit.isNegative())) {
			throw new IllegalArgumentException(field + " must be positive, but was " + limit);
		}
	}

}
