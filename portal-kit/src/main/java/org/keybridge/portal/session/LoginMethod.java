package org.keybridge.portal.session;

/** How a browser session logged in (recorded in the binding audit). ADMIN: seeding by the operator, no session. */
public enum LoginMethod { PASSWORD, CERTIFICATE, ADMIN }
