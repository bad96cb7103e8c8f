package dev.stockhold.cluster.node;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterMembersTest
{
    @Test
    void eachMemberUsesItsBasePortAndTheNextFour()
    {
        final ClusterMembers members = ClusterMembers.parse("127.0.0.1:9100, 127.0.0.1:9200,10.0.0.3:9100");
        assertEquals(3, members.size());
        assertEquals("0,127.0.0.1:9100,127.0.0.1:9101,127.0.0.1:9102,127.0.0.1:9103,127.0.0.1:9104|"
            + "1,127.0.0.1:9200,127.0.0.1:9201,127.0.0.1:9202,127.0.0.1:9203,127.0.0.1:9204|"
            + "2,10.0.0.3:9100,10.0.0.3:9101,10.0.0.3:9102,10.0.0.3:9103,10.0.0.3:9104", members.consensusMembers());
        assertEquals("0=127.0.0.1:9100,1=127.0.0.1:9200,2=10.0.0.3:9100", members.ingressEndpoints());
        assertEquals("127.0.0.1:9100,127.0.0.1:9200,10.0.0.3:9100", members.toString());
        assertEquals(9202, members.member(1).basePort() + ClusterMembers.LOG);
    }

    @Test
    void overlappingOrMalformedMembersAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse("127.0.0.1:9100,127.0.0.1:9104"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse("127.0.0.1:65534"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.parse("127.0.0.1:9100").member(1));
    }
}
