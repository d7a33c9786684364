package io.github.sagemakerstreaming.emulator;

/**
 * The session handler of an emulated endpoint's container: how it answers the open
 * ({@code {"requestType":"NEW_SESSION"}}) and close ({@code {"requestType":"CLOSE"}})
 * payloads of a stateful session. Both handlers name the session in the same headers and
 * answer with a body of their own, never a model answer; a request whose body is not one
 * of those payloads gets the model's answer, in a session or not.
 */
public enum SessionHandler {

	/**
	 * AWS's standard handler for SageMaker model containers, which the vLLM image uses
	 * with {@code SAGEMAKER_ENABLE_STATEFUL_SESSIONS=true}. It opens with the plain text
	 * {@code Session <id> created} and the header
	 * {@code X-Amzn-SageMaker-New-Session-Id: <id>; Expires=<yyyy-MM-ddTHH:mm:ssZ>}, and
	 * closes with {@code Session <id> closed} and
	 * {@code X-Amzn-SageMaker-Closed-Session-Id: <id>}; it sets no content type, which
	 * SageMaker reports as {@code application/json}. A close it cannot do is a 424 with
	 * FastAPI's {@code {"detail":"Failed to close session: <reason>"}}. Source:
	 * github.com/aws/model-hosting-container-standards,
	 * {@code python/model_hosting_container_standards/sagemaker/sessions/handlers.py}
	 * ({@code create_session}, {@code close_session}), {@code manager.py} (the reasons
	 * {@code invalid session_id: None} and {@code session not found: <id>}), and the
	 * recorded close answer in {@code examples/vllm/notebooks/sticky_session.ipynb}.
	 */
	SAGEMAKER_STANDARD,

	/**
	 * DJL Serving's LMI container (vLLM async mode, sessions on unless
	 * {@code OPTION_ENABLE_STATEFUL_SESSIONS=false}). It opens with the JSON line
	 * {@code {"result": "Session <id> created"}} ({@code application/json}) and the id
	 * with its expiry, which SageMaker gives the client as
	 * {@code X-Amzn-SageMaker-New-Session-Id: <id>; Expires=<yyyy-MM-ddTHH:mm:ssZ>}, and
	 * closes with {@code {"result": "Session <id> closed"}} and
	 * {@code X-Amzn-SageMaker-Closed-Session-Id: <id>}. A close it cannot do is a 424
	 * with {@code {"error":"Failed to close session: <reason>","code":424}}. Source:
	 * github.com/deepjavalibrary/djl-serving,
	 * {@code engines/python/setup/djl_python/session_utils.py},
	 * {@code session_manager.py}, {@code async_utils.py}
	 * ({@code create_non_stream_output}), the Java {@code Request.addResponse} that
	 * renders the error, and {@code serving/docs/stateful_sessions.md}.
	 */
	DJL

}
