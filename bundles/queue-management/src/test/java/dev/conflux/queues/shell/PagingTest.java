package dev.conflux.queues.shell;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PagingTest {

    @Test
    public void theLineUnderAPageSaysWhereTheNextOneStarts() {
        assertEquals("messages 3001-3003 of 4998; next: --offset 3003", Paging.footer(3000, 3, 3, 4998));
        assertEquals("messages 4991-4998 of 4998", Paging.footer(4990, 8, 20, 4998));
        assertEquals("messages 1-20; next: --offset 20", Paging.footer(0, 20, 20, -1));
        assertEquals("a short page is the last", "messages 21-25", Paging.footer(20, 5, 20, -1));
        assertEquals("no messages from offset 6000 (4998 in all)", Paging.footer(6000, 0, 20, 4998));
    }
}
