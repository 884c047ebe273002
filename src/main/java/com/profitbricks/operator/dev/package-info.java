/**
 * The dev and test profiles' embedded Cloud API simulator: the one place the operator may start the
 * simulator. Production never loads it unless told to.
 */
package com.profitbricks.operator.dev;
