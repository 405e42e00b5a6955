<?xml version="1.0" encoding="UTF-8"?>
<!-- Renders the portal's Atom and RSS 2.0 feeds as a readable Chinese page in browsers.
     The English twin (feeds asked for with ?lang=en) is feed.en.xsl: change both together. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="atom:feed/atom:title | rss/channel/title"/>
    <xsl:variable name="subtitle" select="atom:feed/atom:subtitle | rss/channel/description"/>
    <xsl:variable name="self" select="(atom:feed/atom:link[@rel='self'] | rss/channel/atom:link[@rel='self'])/@href"/>
    <xsl:variable name="page" select="atom:feed/atom:link[@rel='alternate']/@href | rss/channel/link"/>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/>（订阅源）</title>
        <link rel="stylesheet" href="/static/css/site.css"/>
      </head>
      <body>
        <main id="main" class="container feed-preview">
          <p class="notice" role="note">
            <strong>这是一个订阅源（<xsl:value-of select="substring('Atom', 1, 4 * count(atom:feed))"/><xsl:value-of select="substring('RSS 2.0', 1, 7 * count(rss))"/>）。</strong>
            把本页地址复制到 RSS 阅读器、新闻客户端或自动监测程序中，即可在本平台发布、更正或撤回相关信息时自动收到通知，无需反复打开网站。
          </p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="$subtitle"/></p>
          <h2>如何订阅</h2>
          <ol>
            <li>复制订阅地址：<code><xsl:value-of select="$self"/></code></li>
            <li>在阅读器中选择“添加订阅”或“订阅网址”，粘贴该地址。</li>
            <li>阅读器会定期检查更新；每条信息的“更新”时间变化即表示内容被更正或撤回。</li>
          </ol>
          <p>
            <a href="{$page}">打开对应的网页</a> ·
            <a href="/feeds/">查看全部订阅源</a>
          </p>
          <h2>最新条目</h2>
          <ul class="card-list">
            <xsl:apply-templates select="atom:feed/atom:entry | rss/channel/item"/>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="card">
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="muted">
        发布：<xsl:value-of select="substring(atom:published, 1, 10)"/>
        · 更新：<xsl:value-of select="translate(substring(atom:updated, 1, 16), 'T', ' ')"/>
        <xsl:for-each select="atom:category"> · <xsl:value-of select="@label"/></xsl:for-each>
      </p>
      <p style="white-space: pre-line"><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li class="card">
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="muted">
        发布：<xsl:value-of select="pubDate"/>
        <xsl:for-each select="category"> · <xsl:value-of select="."/></xsl:for-each>
      </p>
      <p style="white-space: pre-line"><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
