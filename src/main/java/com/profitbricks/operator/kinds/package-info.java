/**
 * One package per kind, each with its thin reconciler, its ops (observe, create, update, delete),
 * its pure mapping and what only it needs. Kinds do not import each other: what two kinds share
 * lives in the engine, in {@code placement} or in {@code devices}, so a change to how one kind
 * behaves is made in its own package and touches no other.
 */
package com.profitbricks.operator.kinds;
