package org.keybridge.portal.binding;

/**
 * The outcome of a bind or rebind.
 *
 * @param previous the binding replaced (now with {@code unboundAt} set), or null for a first binding
 * @param current the new current binding
 */
public record BindingChange(Binding previous, Binding current) {}
