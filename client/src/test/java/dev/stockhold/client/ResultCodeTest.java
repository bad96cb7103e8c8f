package dev.stockhold.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultCodeTest
{
    @Test
    void everyWireCodeIsUsedOnceAndReadsBackToItsConstant()
    {
        final Set<Integer> seen = new HashSet<>();
        for (final ResultCode code : ResultCode.values())
        {
            assertTrue(seen.add(code.wireCode()), "wire code used twice: " + code.wireCode());
            assertEquals(code, ResultCode.fromWireCode(code.wireCode()));
            assertTrue(code == ResultCode.OK || code.code().equals("ERR_" + code.name()), code.code());
        }
    }

    @Test
    void aCodeThisClientDoesNotKnowIsAnInternalFailureNotAnException()
    {
        assertEquals(ResultCode.INTERNAL, ResultCode.fromWireCode(63));
        assertEquals(ResultCode.INTERNAL, ResultCode.fromWireCode(1000));
        assertEquals(ResultCode.INTERNAL, ResultCode.fromWireCode(-1));
    }
}
