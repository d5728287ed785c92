/**
 * Starts a Docker-in-Docker daemon that speaks only mutual TLS, and builds docker-java clients for it.
 *
 * <p>{@link io.github.dindjunit.core.DinDContainer} is the entry point. It has no JUnit dependency, so it
 * serves plain Testcontainers users as well as the {@code dind-junit-jupiter} extension.
 */
@NullMarked
package io.github.dindjunit.core;

import org.jspecify.annotations.NullMarked;
