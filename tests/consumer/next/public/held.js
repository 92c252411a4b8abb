window.ran = (window.ran || []).concat('held');
