module.exports = null
