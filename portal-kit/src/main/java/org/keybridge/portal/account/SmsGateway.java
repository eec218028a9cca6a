package org.keybridge.portal.account;

/** Sends a text message to a mobile number (a real portal plugs in its SMS provider here). */
public interface SmsGateway {
    /**
     * @param phone the recipient's number, as stored on the account
     * @param text the whole message, already in the user's language
     */
    void send(String phone, String text);
}
