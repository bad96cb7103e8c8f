package dev.stockhold.engine.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The character rules that decoders reading raw bytes apply are the very rules of the String checks: a code,
 * a listing id and an order id of one character pass exactly when their character does.
 */
class ValidationCharactersTest
{
    @Test
    void everyByteIsJudgedAsTheStringChecksJudgeIt()
    {
        for (int c = 0; c < 256; c++)
        {
            final String one = String.valueOf((char)c);
            assertEquals(Validation.isCode(one), Validation.isCodeCharacter(c), () -> "code character " + one);
            assertEquals(Validation.isListingId(one), Validation.isCodeCharacter(c), () -> "listing character " + one);
            assertEquals(Validation.isOrderId(one), Validation.isPrintableCharacter(c), () -> "order id " + one);
        }
    }

    @Test
    void aByteAboveAsciiIsNoCharacterOfACode()
    {
        for (int b = Byte.MIN_VALUE; b < 0; b++)
        {
            assertFalse(Validation.isCodeCharacter((byte)b));
            assertFalse(Validation.isPrintableCharacter((byte)b));
        }
    }
}
