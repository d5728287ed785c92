/**
 * The JUnit Jupiter side of dind-junit: the {@link io.github.dindjunit.jupiter.DinD} annotation.
 */
@NullMarked
package io.github.dindjunit.jupiter;

import org.jspecify.annotations.NullMarked;
