/**
 * LangChain4j chat models for models hosted on SageMaker endpoints, on
 * {@code StreamingInferenceTemplate}; no Spring needed.
 */
package io.github.sagemakerstreaming.langchain4j;
