<?xml version="1.0" encoding="UTF-8"?>
<!-- Renders the portal's English Atom and RSS 2.0 feeds (?lang=en) as a readable page in browsers.
     The Chinese twin is feed.xsl: change both together (tests/feeds/test_feed_stylesheets.py).
     Published Chinese is marked lang="zh-Hans": in Atom as the feed marks it (xml:lang="zh-Hans" on
     titles, summaries and categories; XHTML summaries with marked spans), in RSS (which has only a
     channel language) on titles and category names holding Chinese. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:xhtml="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="atom xhtml">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>
  <!-- Characters of English text: a value with any other character holds Chinese. -->
  <xsl:variable name="latin" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:!?&amp;()[]/-–—·'"/>

  <!-- An element's lang: zh-Hans when its text holds Chinese (English pages mark published text). -->
  <xsl:template name="lang-of">
    <xsl:param name="text"/>
    <xsl:if test="translate($text, $latin, '') != ''">
      <xsl:attribute name="lang">zh-Hans</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- An Atom element's lang: its xml:lang, else (plain text) zh-Hans when its text (or the given
       text, a category's label) holds Chinese. -->
  <xsl:template name="atom-lang">
    <xsl:param name="node"/>
    <xsl:param name="text" select="$node"/>
    <xsl:choose>
      <xsl:when test="$node/@xml:lang">
        <xsl:attribute name="lang"><xsl:value-of select="$node/@xml:lang"/></xsl:attribute>
      </xsl:when>
      <xsl:when test="not($node/@type = 'xhtml')">
        <xsl:call-template name="lang-of"><xsl:with-param name="text" select="$text"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The text of a title, subtitle or summary: an XHTML one keeps its marked spans and breaks. -->
  <xsl:template match="*" mode="text">
    <xsl:choose>
      <xsl:when test="@type = 'xhtml'"><xsl:apply-templates select="xhtml:div/node()" mode="xhtml"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="xhtml:span[@xml:lang]" mode="xhtml">
    <span lang="{@xml:lang}"><xsl:apply-templates mode="xhtml"/></span>
  </xsl:template>
  <xsl:template match="xhtml:br" mode="xhtml"><br/></xsl:template>
  <xsl:template match="*" mode="xhtml"><xsl:apply-templates mode="xhtml"/></xsl:template>
  <xsl:template match="text()" mode="xhtml"><xsl:value-of select="."/></xsl:template>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <xsl:variable name="subtitle" select="atom:feed/atom:subtitle | rss/channel/description"/>
    <xsl:variable name="self" select="(atom:feed/atom:link[@rel='self'] | rss/channel/atom:link[@rel='self'])/@href"/>
    <xsl:variable name="page" select="atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <main id="main" class="container feed-preview">
          <p class="notice" role="note">
            <strong>This is a feed (<xsl:value-of select="substring('Atom', 1, 4 * count(atom:feed))"/><xsl:value-of select="substring('RSS 2.0', 1, 7 * count(rss))"/>).</strong>
            Copy this page's address into a feed reader, a news app or a monitoring script to be told whenever the portal publishes, corrects or withdraws matching information, without opening the website again and again.
          </p>
          <h1><xsl:apply-templates select="$title" mode="text"/></h1>
          <p><xsl:apply-templates select="$subtitle" mode="text"/></p>
          <h2>How to subscribe</h2>
          <ol>
            <li>Copy the feed address: <code><xsl:value-of select="$self"/></code></li>
            <li>In your reader, choose “Add subscription” or “Subscribe to URL” and paste the address.</li>
            <li>The reader checks for updates regularly; a new “updated” time on an entry means it was corrected or withdrawn.</li>
          </ol>
          <p>
            <a href="{$page}">Open the matching web page</a> ·
            <a href="/feeds/">See every feed</a>
          </p>
          <h2>Newest entries</h2>
          <ul class="card-list">
            <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="card">
      <h3>
        <xsl:call-template name="atom-lang"><xsl:with-param name="node" select="atom:title"/></xsl:call-template>
        <a href="{atom:link[@rel='alternate']/@href}"><xsl:apply-templates select="atom:title" mode="text"/></a>
      </h3>
      <p class="muted">
        Published: <xsl:value-of select="substring(atom:published, 1, 10)"/>
        · Updated: <xsl:value-of select="translate(substring(atom:updated, 1, 16), 'T', ' ')"/>
        <xsl:for-each select="atom:category"> · <span><xsl:call-template name="atom-lang"><xsl:with-param name="node" select="."/><xsl:with-param name="text" select="@label"/></xsl:call-template><xsl:value-of select="@label"/></span></xsl:for-each>
      </p>
      <p style="white-space: pre-line"><xsl:if test="atom:summary/@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="atom:summary/@xml:lang"/></xsl:attribute></xsl:if><xsl:apply-templates select="atom:summary" mode="text"/></p>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li class="card">
      <h3>
        <xsl:call-template name="lang-of"><xsl:with-param name="text" select="title"/></xsl:call-template>
        <a href="{link}"><xsl:value-of select="title"/></a>
      </h3>
      <p class="muted">
        Published: <xsl:value-of select="pubDate"/>
        <xsl:for-each select="category"> · <span><xsl:call-template name="lang-of"><xsl:with-param name="text" select="."/></xsl:call-template><xsl:value-of select="."/></span></xsl:for-each>
      </p>
      <p style="white-space: pre-line"><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
