<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>会员登录-晋中日报</title>
<link rel="alternate" type="application/rss+xml" title="晋中日报 新闻" href="/rss/news.xml">
</head>
<body>
<table width="980" align="center" class="top"><tr>
<td><a href="/"><img src="/images/logo.gif" width="300" height="60" border="0" alt="晋中日报"></a></td>
<td><a href="/">首页</a> | <a href="/xw/">新闻</a> | <a href="/jj/">经济</a> | <a href="/tp/">图片</a> | <a href="/sp/">视频</a> | <a href="/member/login.asp">会员登录</a></td>
<td><form action="/search.asp" method="get"><input name="keyword" size="12"><input type="submit" value="搜索"></form></td>
</tr></table>

<table width="980" align="center"><tr><td><form action="/member/chklogin.asp" method="post">
用户名：<input name="username"><br>密　码：<input type="password" name="password"><br><input type="submit" value="登录"></form></td></tr></table>
<table width="980" align="center" class="bottom"><tr><td>晋中日报社主办 版权所有 晋ICP备00000002号</td></tr></table>
</body>
</html>
