package dev.recsys.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; Amélie",
                Html.escape("<script>alert('x')</script> & \"q\" Amélie"));
        assertEquals("", Html.escape(null));
    }
}
