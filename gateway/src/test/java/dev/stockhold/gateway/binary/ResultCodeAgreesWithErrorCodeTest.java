package dev.stockhold.gateway.binary;

import dev.stockhold.client.ResultCode;
import dev.stockhold.engine.command.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client's {@link ResultCode} mirrors the engine's {@link ErrorCode} on the wire: the same numbers, the same
 * names, none missing on either side. The client cannot depend on the engine, so this is where they meet.
 */
class ResultCodeAgreesWithErrorCodeTest
{
    @Test
    void sameWireCodesAndNames()
    {
        assertEquals(Arrays.stream(ErrorCode.values()).map(ErrorCode::name).collect(Collectors.toSet()),
            Arrays.stream(ResultCode.values()).map(ResultCode::name).collect(Collectors.toSet()),
            "every engine error has a client code and no more");
        for (final ErrorCode error : ErrorCode.values())
        {
            final ResultCode result = ResultCode.valueOf(error.name());
            assertEquals(error.wireCode(), result.wireCode(), error.name());
            assertEquals(error.code(), result.code(), error.name());
            assertEquals(result, ResultCode.fromWireCode(error.wireCode()));
        }
    }
}
