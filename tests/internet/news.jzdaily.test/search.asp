<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>搜索结果-晋中日报</title>
<link rel="alternate" type="application/rss+xml" title="晋中日报 新闻" href="/rss/news.xml">
</head>
<body>
<table width="980" align="center" class="top"><tr>
<td><a href="/"><img src="/images/logo.gif" width="300" height="60" border="0" alt="晋中日报"></a></td>
<td><a href="/">首页</a> | <a href="/xw/">新闻</a> | <a href="/jj/">经济</a> | <a href="/tp/">图片</a> | <a href="/sp/">视频</a> | <a href="/member/login.asp">会员登录</a></td>
<td><form action="/search.asp" method="get"><input name="keyword" size="12"><input type="submit" value="搜索"></form></td>
</tr></table>
<table width="980" align="center"><tr><td><b>检索结果</b><ul><li><a href="/xw/2024/0307/40211.html">晋中平遥古城春季旅游线路发布</a><br>本报讯（记者 郭晓东）3月6日，平遥古城景区发布春季旅游线路，推出古城夜游、非遗研学等六条精品线路。</li><li><a href="/xw/2024/0306/40190.html">榆次区新建改建口袋公园二十个</a><br>本报讯（记者 孟丽）今年，榆次区计划新建改建口袋公园二十个，进一步增加城市绿地面积，方便群众休闲健身。</li><li><a href="/jj/2024/0305/40170.html">太谷农高区设施蔬菜喜获丰收</a><br>走进太谷农高区的智能温室，一排排番茄、黄瓜长势喜人，工人们正忙着采摘、分拣、装箱。</li></ul></td></tr></table>
<table width="980" align="center" class="bottom"><tr><td>晋中日报社主办 版权所有 晋ICP备00000002号</td></tr></table>
</body>
</html>
