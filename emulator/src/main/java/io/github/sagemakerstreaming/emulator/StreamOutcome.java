package io.github.sagemakerstreaming.emulator;

/** How one invocation ended, as the emulator saw it. */
public enum StreamOutcome {

	/** Every byte of the response was written. */
	COMPLETED,

	/**
	 * The client went away (closed or reset the connection) before the response was
	 * written in full.
	 */
	ABANDONED,

	/** The emulator ended the response with an injected fault or an error status. */
	FAULTED

}
