/**
 * A fake of the Cloud API on a local port, for tests, the benchmark and the dev profile: requests
 * that run asynchronously, validation as the real API does it, and faults on demand. It works on
 * JSON trees and shares no class with the client, so a wrong field name cannot hide in both. Split
 * by resource family; a family changes without touching the others.
 */
package com.profitbricks.simulator;
