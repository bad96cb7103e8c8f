package dev.stockhold.cluster.node;

import io.aeron.cluster.AllowBackupAndStandbyAuthorisationService;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.security.AuthorisationService;

/**
 * What a client session may ask the consensus module beyond commands: what Aeron allows by default (cluster
 * backup and standby queries) and a snapshot, which operators and tests request through a client. Stateless;
 * called on the consensus module's thread.
 */
enum NodeAuthorisation implements AuthorisationService
{
    INSTANCE;

    @Override
    public boolean isAuthorised(final int protocolId, final int actionId, final Object type,
        final byte[] encodedPrincipal)
    {
        if (protocolId == MessageHeaderDecoder.SCHEMA_ID && actionId == AdminRequestDecoder.TEMPLATE_ID)
        {
            return type == AdminRequestType.SNAPSHOT;
        }
        return AllowBackupAndStandbyAuthorisationService.INSTANCE.isAuthorised(protocolId, actionId, type,
            encodedPrincipal);
    }
}
