/**
 * Implementation details of dind-junit. Nothing in this package is public API: its types may change or
 * disappear in any release without notice.
 */
@NullMarked
package io.github.dindjunit.core.internal;

import org.jspecify.annotations.NullMarked;
