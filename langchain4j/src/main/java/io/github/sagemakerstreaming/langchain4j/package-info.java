/**
 * LangChain4j chat models for models hosted on SageMaker endpoints, on
 * {@code StreamingInferenceTemplate}; no Spring needed.
 */
@NullMarked
package io.github.sagemakerstreaming.langchain4j;

import org.jspecify.annotations.NullMarked;
